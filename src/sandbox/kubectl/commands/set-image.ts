/** `kubectl set image TYPE/NAME CONTAINER=IMAGE...`: `deployment.apps/web image updated`. */
import type { PodSpec, PodTemplateSpec } from "kubernetes-types/core/v1.d.ts";
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs, positionalIndex } from "../flags.ts";
import { apiCall, getObject, typed } from "../objects.ts";
import { formatObjects, parseOutputFormat } from "../print/output.ts";
import { qualifiedKind } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";
import { runSetEnv } from "./set-env.ts";

/**
 * The object as kubectl prints it after decoding it into its Go type: a pod template's metadata
 * carries `creationTimestamp: null`.
 */
function asTyped(object: KubeObject): KubeObject {
  const spec = (object as { spec?: { template?: { metadata?: Record<string, unknown> } } }).spec;
  if (!spec?.template) return object;
  return {
    ...object,
    spec: {
      ...spec,
      template: {
        ...spec.template,
        metadata: { creationTimestamp: null, ...spec.template.metadata },
      },
    },
  } as KubeObject;
}

export function runSet(argv: readonly string[], env: KubectlEnv): number {
  const subAt = positionalIndex(argv, 0);
  const sub = argv[subAt];
  if (sub !== "image" && sub !== "env")
    throw new KubectlError(`error: unknown command "${sub ?? ""}" for "kubectl set"`);
  const parsed = parseArgs(
    `set ${sub}`,
    [...argv.slice(0, subAt), ...argv.slice(subAt + 1)],
    [
      { name: "all", type: "bool" },
      { name: "selector", short: "l", type: "string" },
      { name: "dry-run", type: "string" },
      { name: "output", short: "o", type: "string" },
      { name: "filename", short: "f", type: "strings" },
      ...(sub === "env"
        ? ([
            { name: "containers", short: "c", type: "string" },
            { name: "list", type: "bool" },
            { name: "resolve", type: "bool" },
            { name: "overwrite", type: "bool" },
          ] as const)
        : []),
    ],
  );
  const flags = new Flags(parsed);
  const rest = parsed.positional;
  if (sub === "env") return runSetEnv(parsed, rest, env);
  const pairs = rest.filter((a) => a.includes("="));
  const targets = rest.filter((a) => !a.includes("="));
  if (pairs.length === 0) throw plainError("at least one image update is required");
  if (targets.length === 0)
    throw plainError(
      "one or more resources must be specified as <resource> <name> or <resource>/<name>",
    );
  const namespace = flags.string("namespace", env.namespace ?? "default");
  for (const request of parseResourceArgs("set image", targets)) {
    for (const name of request.names) {
      const object = getObject(env, request.type, namespace, name) as KubeObject & {
        spec?: PodSpec & { template?: PodTemplateSpec };
      };
      const podSpec = request.type.plural === "pods" ? object.spec : object.spec?.template?.spec;
      if (!podSpec) throw plainError(`cannot set images on ${request.type.plural}`);
      let changed = false;
      for (const pair of pairs) {
        const [container = "", image = ""] = pair.split("=");
        const all = [...podSpec.containers, ...(podSpec.initContainers ?? [])];
        const matches = container === "*" ? all : all.filter((c) => c.name === container);
        if (matches.length === 0) throw plainError(`unable to find container named "${container}"`);
        for (const c of matches) {
          if (c.image !== image) changed = true;
          c.image = image;
        }
      }
      // The API server's validation of the patched object: every container needs an image.
      const path = request.type.plural === "pods" ? "spec" : "spec.template.spec";
      const empty = podSpec.containers.findIndex((c) => (c.image ?? "") === "");
      if (empty !== -1)
        throw plainError(
          `failed to patch image update to pod template: ${request.type.kind}${request.type.group ? `.${request.type.group}` : ""} "${name}" is invalid: ${path}.containers[${String(empty)}].image: Required value`,
        );
      const dryRun = flags.string("dry-run", "none");
      const suffix =
        dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
      const updated =
        changed && suffix === ""
          ? apiCall(() => env.cluster.updateObject(request.type.plural, object))
          : object;
      const format = parseOutputFormat(flags.optionalString("output"));
      // With -o, kubectl prints the object (patched, or as the patch would leave it).
      if (format.kind !== "table")
        env.stdout(formatObjects(format, [asTyped(typed(request.type, updated))], true, false));
      else if (changed)
        env.stdout(`${qualifiedKind(request.type)}/${name} image updated${suffix}\n`);
    }
  }
  return 0;
}
