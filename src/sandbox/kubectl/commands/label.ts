/**
 * `kubectl label` and `kubectl annotate`: KEY=VALUE sets, KEY- removes, an existing key needs
 * --overwrite (kubectl's "already has a value" error), and `pod/x labeled|annotated`.
 */
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { apiCall, getObject, listObjects } from "../objects.ts";
import { qualifiedKind } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";

export function runLabelOrAnnotate(
  kind: "label" | "annotate",
  argv: readonly string[],
  env: KubectlEnv,
): number {
  const parsed = parseArgs(kind, argv, [
    { name: "overwrite", type: "bool" },
    { name: "all", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "list", type: "bool" },
    { name: "dry-run", type: "string" },
    { name: "output", short: "o", type: "string" },
    { name: "resource-version", type: "string" },
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "filename", short: "f", type: "strings" },
  ]);
  const flags = new Flags(parsed);
  const changes = parsed.positional.filter((a) => a.includes("=") || a.endsWith("-"));
  const targets = parsed.positional.filter((a) => !changes.includes(a));
  if (targets.length === 0)
    throw new KubectlError(
      "error: one or more resources must be specified as <resource> <name> or <resource>/<name>",
    );
  if (changes.length === 0 && !flags.bool("list"))
    throw plainError(
      `at least one ${kind === "label" ? "label" : "annotation"} update is required`,
    );
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const field = kind === "label" ? "labels" : "annotations";
  for (const request of parseResourceArgs(kind, targets)) {
    const objects =
      request.names.length > 0
        ? request.names.map((name) => getObject(env, request.type, namespace, name))
        : listObjects(env, request.type, {
            namespace,
            labelSelector: flags.optionalString("selector"),
          });
    for (const object of objects) {
      const meta = { ...object.metadata };
      const map = new Map(Object.entries(meta[field] ?? {}));
      let changed = false;
      for (const change of changes) {
        if (change.endsWith("-") && !change.includes("=")) {
          const key = change.slice(0, -1);
          if (map.delete(key)) changed = true;
          continue;
        }
        const eq = change.indexOf("=");
        const key = change.slice(0, eq);
        const value = change.slice(eq + 1);
        const existing = map.get(key);
        if (existing !== undefined && existing !== value && !flags.bool("overwrite")) {
          throw plainError(`'${key}' already has a value (${existing}), and --overwrite is false`);
        }
        if (existing !== value) changed = true;
        map.set(key, value);
      }
      const label = `${qualifiedKind(request.type)}/${meta.name ?? ""}`;
      const verb = kind === "label" ? "labeled" : "annotated";
      if (!changed) {
        env.stdout(`${label} not ${verb}\n`);
        continue;
      }
      meta[field] = Object.fromEntries(map);
      apiCall(() => env.cluster.updateObject(request.type.plural, { ...object, metadata: meta }));
      const onlyRemovals = changes.every((c) => c.endsWith("-") && !c.includes("="));
      env.stdout(`${label} ${onlyRemovals && kind === "label" ? "unlabeled" : verb}\n`);
    }
  }
  return 0;
}
