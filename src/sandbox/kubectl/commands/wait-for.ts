/**
 * `kubectl wait --for=condition=NAME[=VALUE]|delete TYPE/NAME... [--timeout=30s]`: the virtual
 * clock moves second by second until each object meets the condition (`pod/x condition met`) or
 * the timeout passes (`timed out waiting for the condition on pods/x`), as cmd/wait does.
 */
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { durationFlag } from "../go-duration.ts";
import { groupResource, listObjects, getObject } from "../objects.ts";
import { qualifiedKind, type ResourceType } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";

type Condition = (object: KubeObject | undefined) => boolean;

/** conditionFuncFor: `delete`, or `condition=Ready` (status True unless a value is given). */
function conditionFor(text: string): Condition {
  if (text.toLowerCase() === "delete") return (object) => object === undefined;
  if (!text.toLowerCase().startsWith("condition="))
    throw plainError(`unrecognized condition: "${text}"`);
  const [name = "", value = "true"] = text.slice("condition=".length).split("=");
  return (object) => {
    const conditions = (
      object as { status?: { conditions?: { type: string; status: string }[] } } | undefined
    )?.status?.conditions;
    return (conditions ?? []).some(
      (c) =>
        c.type.toLowerCase() === name.toLowerCase() &&
        c.status.toLowerCase() === value.toLowerCase(),
    );
  };
}

export function runWait(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("wait", argv, [
    { name: "for", type: "string" },
    { name: "timeout", type: "string" },
    { name: "selector", short: "l", type: "string" },
    { name: "all", type: "bool" },
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "filename", short: "f", type: "strings" },
    { name: "output", short: "o", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const forText = flags.optionalString("for");
  if (forText === undefined) throw plainError("--for must be specified");
  const condition = conditionFor(forText);
  const timeoutMs = durationFlag("wait", flags, "timeout") ?? 30_000;
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const targets: { type: ResourceType; name: string; namespace: string }[] = [];
  for (const request of parseResourceArgs("wait", parsed.positional)) {
    const names =
      request.names.length > 0
        ? request.names
        : listObjects(env, request.type, {
            namespace,
            labelSelector: flags.optionalString("selector"),
          }).map((o) => o.metadata?.name ?? "");
    for (const name of names) {
      if (forText.toLowerCase() !== "delete") getObject(env, request.type, namespace, name);
      targets.push({ type: request.type, name, namespace });
    }
  }
  if (targets.length === 0) throw plainError("no matching resources found");
  let status = 0;
  for (const target of targets) {
    const read = (): KubeObject | undefined =>
      env.cluster.store.get(
        target.type.plural,
        target.type.namespaced ? target.namespace : undefined,
        target.name,
      );
    let waited = 0;
    while (!condition(read()) && waited < timeoutMs && !env.signal.aborted) {
      env.cluster.advance(1000);
      waited += 1000;
    }
    if (condition(read()))
      env.stdout(`${qualifiedKind(target.type)}/${target.name} condition met\n`);
    else {
      env.stderr(
        `error: timed out waiting for the condition on ${groupResource(target.type)}/${target.name}\n`,
      );
      status = 1;
    }
  }
  return status;
}
