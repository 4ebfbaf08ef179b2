/** `kubectl scale TYPE NAME --replicas=N`: `deployment.apps/web scaled`. */
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { apiCall, getObject } from "../objects.ts";
import { qualifiedKind } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";

const SCALABLE = ["deployments", "replicasets", "statefulsets"];

export function runScale(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("scale", argv, [
    { name: "replicas", type: "int" },
    { name: "current-replicas", type: "int" },
    { name: "all", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "timeout", type: "string" },
    { name: "dry-run", type: "string" },
    { name: "output", short: "o", type: "string" },
    { name: "filename", short: "f", type: "strings" },
  ]);
  const flags = new Flags(parsed);
  if (!flags.has("replicas")) throw plainError('required flag(s) "replicas" not set');
  const replicas = flags.int("replicas", 0);
  if (replicas < 0)
    throw plainError(
      "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
    );
  if (parsed.positional.length === 0)
    throw plainError("resource(s) were provided, but no name was specified");
  const namespace = flags.string("namespace", env.namespace ?? "default");
  for (const request of parseResourceArgs("scale", parsed.positional)) {
    if (!SCALABLE.includes(request.type.plural))
      throw plainError(`cannot scale ${request.type.plural}`);
    for (const name of request.names) {
      const object = getObject(env, request.type, namespace, name) as KubeObject & {
        spec?: { replicas?: number };
      };
      const current = flags.int("current-replicas", -1);
      if (current >= 0 && (object.spec?.replicas ?? 1) !== current) {
        throw plainError(`Expected replicas to be ${current}, was ${object.spec?.replicas ?? 1}`);
      }
      object.spec = { ...object.spec, replicas };
      apiCall(() => env.cluster.updateObject(request.type.plural, object));
      env.stdout(`${qualifiedKind(request.type)}/${name} scaled\n`);
    }
  }
  return 0;
}
