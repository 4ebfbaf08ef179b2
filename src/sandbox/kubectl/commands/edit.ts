/**
 * `kubectl edit TYPE NAME`: hands the object as YAML to the browser's editor pane (kubectl's
 * header comment on top); saving applies it. A plain terminal has no editor, so it says so and
 * names the ways that work there.
 */
import type { KubeObject } from "../../cluster/store.ts";
import { parse } from "yaml";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { apiCall, getObject } from "../objects.ts";
import { toYaml } from "../print/yaml.ts";
import { qualifiedKind } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export async function runEdit(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const parsed = parseArgs("edit", argv, [
    { name: "output", short: "o", type: "string" },
    { name: "filename", short: "f", type: "strings" },
    { name: "save-config", type: "bool" },
    { name: "validate", type: "string" },
    { name: "subresource", type: "string" },
  ]);
  const flags = new Flags(parsed);
  if (parsed.positional.length === 0)
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.",
    );
  const requests = parseResourceArgs("edit", parsed.positional);
  const request = requests[0];
  const name = request?.names[0];
  if (!request || name === undefined)
    throw plainError("edit requires a resource name, for example: kubectl edit deployment webapp");
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const object = getObject(env, request.type, namespace, name);
  if (!env.openEditor) {
    throw plainError(
      `this terminal has no editor for kubectl edit (the browser terminal opens its editor pane). Here, use: kubectl get ${request.type.singular} ${name} -o yaml > ${name}.yaml, change the file, then kubectl apply -f ${name}.yaml; or kubectl set image`,
    );
  }
  const saved = await env.openEditor({
    fileName: `kubectl-edit-${name}.yaml`,
    content: HEADER + toYaml(object),
  });
  const text = (saved ?? "")
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n");
  if (text.trim() === "") {
    env.stdout("Edit cancelled, no changes made.\n");
    return 0;
  }
  let edited: KubeObject;
  try {
    edited = parse(text) as KubeObject;
  } catch (error) {
    throw plainError(
      `error: error parsing edited object: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : ""}`,
    );
  }
  if (JSON.stringify(edited) === JSON.stringify(object)) {
    env.stdout("Edit cancelled, no changes made.\n");
    return 0;
  }
  apiCall(() => env.cluster.updateObject(request.type.plural, edited));
  env.stdout(`${qualifiedKind(request.type)}/${name} edited\n`);
  return 0;
}
