/** `kubectl create namespace|configmap|deployment NAME ...`: the objects kubectl's generators build. */
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs, positionalIndex } from "../flags.ts";
import { apiCall } from "../objects.ts";
import { toJson } from "../print/json.ts";
import { formatObjects, noWidePrinter, parseOutputFormat } from "../print/output.ts";
import { inStructOrder } from "../print/typed-order.ts";
import { runCreateSecret } from "./create-secret.ts";

export const GENERATORS = ["namespace", "ns", "configmap", "cm", "deployment", "deploy", "secret"];

/**
 * The object as kubectl's generator built it, before any server: creationTimestamp null, the
 * empty status of a Namespace or Deployment, and a namespace only when -n named one.
 */
function asBuilt(object: KubeObject, namespaced: boolean): KubeObject {
  const { namespace, ...meta } = object.metadata ?? {};
  const built: Record<string, unknown> = {
    ...object,
    metadata: {
      ...meta,
      ...(namespaced && namespace ? { namespace } : {}),
      creationTimestamp: null,
    },
  };
  if (object.kind === "Namespace") built["status"] = {};
  if (object.kind === "Deployment") {
    const spec = (object as { spec: { template: { metadata: object } } }).spec;
    built["spec"] = {
      ...spec,
      template: {
        ...spec.template,
        metadata: { ...spec.template.metadata, creationTimestamp: null },
      },
    };
    built["status"] = {};
  }
  return built;
}

export async function runCreateGenerator(
  argv: readonly string[],
  env: KubectlEnv,
): Promise<number> {
  const secretAt = positionalIndex(argv, 0);
  if (argv[secretAt] === "secret")
    return runCreateSecret(
      [...argv.slice(0, secretAt), ...argv.slice(secretAt + 1)],
      env,
      positionalIndex(argv, secretAt + 1) - 1,
    );
  const parsed = parseArgs("create", argv, [
    { name: "from-literal", type: "strings" },
    { name: "from-file", type: "strings" },
    { name: "image", type: "strings" },
    { name: "replicas", short: "r", type: "int" },
    { name: "port", type: "int" },
    { name: "dry-run", type: "string" },
    { name: "output", short: "o", type: "string" },
    { name: "save-config", type: "bool" },
    { name: "validate", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const [generator = "", name, ...rest] = parsed.positional;
  const namespace = flags.string("namespace", env.namespace ?? "default");
  if (name === undefined) throw plainError("NAME is required");
  let resource: string;
  let object: KubeObject;
  let label: string;
  if (generator === "namespace" || generator === "ns") {
    resource = "namespaces";
    object = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name },
      spec: {},
      status: { phase: "Active" },
    } as KubeObject;
    label = `namespace/${name}`;
  } else if (generator === "configmap" || generator === "cm") {
    const data: Record<string, string> = {};
    for (const pair of flags.strings("from-literal")) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw plainError(`invalid literal source ${pair}, expected key=value`);
      data[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    for (const source of flags.strings("from-file")) {
      const eq = source.indexOf("=");
      const path = eq === -1 ? source : source.slice(eq + 1);
      const key = eq === -1 ? (path.split("/").at(-1) ?? path) : source.slice(0, eq);
      let text: string | undefined;
      try {
        text = await env.readFile(path);
      } catch {
        text = undefined;
      }
      if (text === undefined) throw plainError(`error reading ${path}: no such file or directory`);
      data[key] = text;
    }
    resource = "configmaps";
    object = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace },
      data,
    } as KubeObject;
    label = `configmap/${name}`;
  } else if (generator === "deployment" || generator === "deploy") {
    const images = flags.strings("image");
    if (images.length === 0) throw plainError('required flag(s) "image" not set');
    const containers = images.map((image) => ({
      name: (image.split("/").at(-1) ?? image).split(":")[0]?.split("@")[0] ?? name,
      image,
      resources: {},
      ...(rest.length > 0 ? { command: rest } : {}),
    }));
    resource = "deployments";
    object = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace, labels: { app: name } },
      spec: {
        replicas: flags.int("replicas", 1),
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers } },
        strategy: {},
      },
    } as KubeObject;
    label = `deployment.apps/${name}`;
  } else {
    throw new KubectlError(
      `error: unknown command "${generator}"\nSee 'kubectl create -h' for help and examples`,
    );
  }
  if (flags.optionalString("dry-run") === "client") {
    const format = parseOutputFormat(flags.optionalString("output"));
    if (format.kind === "table" && format.wide) throw noWidePrinter();
    if (format.kind === "table") env.stdout(`${label} created (dry run)\n`);
    else {
      const shown = asBuilt(object, flags.has("namespace"));
      env.stdout(
        format.kind === "json"
          ? toJson(inStructOrder(shown), false)
          : formatObjects(format, [shown], true, false),
      );
    }
    return 0;
  }
  apiCall(() => env.cluster.create(resource, object));
  env.stdout(`${label} created\n`);
  return 0;
}
