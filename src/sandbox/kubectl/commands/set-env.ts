/**
 * `kubectl set env TYPE/NAME KEY=VALUE... KEY-... [-c CONTAINER] [--list]`: the environment of a
 * pod template's containers, with set_env.go's listing, warnings and the env-name check.
 */
import type {
  Container,
  EnvVarSource,
  PodSpec,
  PodTemplateSpec,
} from "kubernetes-types/core/v1.d.ts";
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { plainError } from "../errors.ts";
import { Flags, type ParsedArgs } from "../flags.ts";
import { goQuote } from "../print/go-fmt.ts";
import { formatObjects, parseOutputFormat } from "../print/output.ts";
import { apiCall, getObject, typed } from "../objects.ts";
import { qualifiedKind } from "../resources.ts";
import { ENV_NAME_FORMAT } from "./create-secret.ts";
import { parseResourceArgs } from "./get.ts";

/** getEnvVarRefString: where a reference takes its value from. */
function reference(from: EnvVarSource): string {
  if (from.secretKeyRef)
    return `secret ${from.secretKeyRef.name ?? ""}, key ${from.secretKeyRef.key}`;
  if (from.configMapKeyRef)
    return `configmap ${from.configMapKeyRef.name ?? ""}, key ${from.configMapKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource ${from.resourceFieldRef.resource}`;
  return "";
}

function matching(containers: Container[], pattern: string): Container[] {
  if (pattern === "*") return containers;
  const regex = new RegExp(
    `^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
  );
  return containers.filter((c) => regex.test(c.name));
}

export function runSetEnv(parsed: ParsedArgs, args: readonly string[], env: KubectlEnv): number {
  const flags = new Flags(parsed);
  const first = args.findIndex((a) => a.includes("=") || a.endsWith("-"));
  const targets = first === -1 ? args : args.slice(0, first);
  const changes = first === -1 ? [] : args.slice(first);
  const sets: [string, string][] = [];
  const removals: string[] = [];
  for (const change of changes) {
    if (!change.includes("=") && change.endsWith("-")) {
      removals.push(change.slice(0, -1));
      continue;
    }
    const eq = change.indexOf("=");
    const key = eq === -1 ? change : change.slice(0, eq);
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key))
      throw plainError(`${goQuote(key)} is not a valid key name: ${ENV_NAME_FORMAT}`);
    sets.push([key, change.slice(eq + 1)]);
  }
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const pattern = flags.string("containers", "*");
  const dryRun = flags.string("dry-run", "none");
  const suffix =
    dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  const format = parseOutputFormat(flags.optionalString("output"));
  for (const request of parseResourceArgs("set env", targets)) {
    for (const name of request.names) {
      const object = getObject(env, request.type, namespace, name) as KubeObject & {
        spec?: PodSpec & { template?: PodTemplateSpec };
      };
      const podSpec = request.type.plural === "pods" ? object.spec : object.spec?.template?.spec;
      if (!podSpec) throw plainError(`cannot set env on ${request.type.plural}`);
      const containers = matching(
        [...(podSpec.initContainers ?? []), ...podSpec.containers],
        pattern,
      );
      if (containers.length === 0) {
        env.stderr(
          `Warning: ${request.type.kind}/${name} does not have any containers matching ${goQuote(pattern)}\n`,
        );
        continue;
      }
      if (flags.bool("list")) {
        for (const c of containers) {
          env.stdout(`# ${request.type.kind} ${name}, container ${c.name}\n`);
          for (const e of c.env ?? [])
            env.stdout(
              e.valueFrom
                ? `# ${e.name} from ${reference(e.valueFrom)}\n`
                : `${e.name}=${e.value ?? ""}\n`,
            );
        }
        continue;
      }
      let changed = false;
      for (const c of containers) {
        const vars = [...(c.env ?? [])];
        for (const [key, value] of sets) {
          const at = vars.findIndex((e) => e.name === key);
          if (at === -1) vars.push({ name: key, value });
          else vars[at] = { name: key, value };
          changed = true;
        }
        for (const key of removals) {
          const kept = vars.filter((e) => e.name !== key);
          if (kept.length !== vars.length) changed = true;
          vars.splice(0, vars.length, ...kept);
        }
        if (vars.length > 0) c.env = vars;
        else delete c.env;
      }
      if (!changed) continue;
      const updated =
        suffix === ""
          ? apiCall(() => env.cluster.updateObject(request.type.plural, object))
          : object;
      if (format.kind !== "table")
        env.stdout(formatObjects(format, [typed(request.type, updated)], true, false));
      else env.stdout(`${qualifiedKind(request.type)}/${name} env updated${suffix}\n`);
    }
  }
  return 0;
}
