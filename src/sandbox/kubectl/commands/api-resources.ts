/** `kubectl api-resources`: the discovery list (NAME SHORTNAMES APIVERSION NAMESPACED KIND). */
import type { KubectlEnv } from "../env.ts";
import { Flags, parseArgs } from "../flags.ts";
import { METRICS_RESOURCES, metricsServer } from "../metrics-api.ts";
import { RESOURCE_TYPES } from "../resources.ts";
import { TABLE_TABWRITER, tabulate } from "../tabwriter.ts";

export function runApiResources(argv: readonly string[], env: KubectlEnv): number {
  const flags = new Flags(
    parseArgs("api-resources", argv, [
      { name: "namespaced", type: "bool" },
      { name: "output", short: "o", type: "string" },
      { name: "no-headers", type: "bool" },
      { name: "api-group", type: "string" },
      { name: "verbs", type: "strings" },
      { name: "sort-by", type: "string" },
      { name: "categories", type: "strings" },
      { name: "cached", type: "bool" },
    ]),
  );
  // Sorted by group, then name, as api-resources sorts; metrics.k8s.io only while it is served.
  let types = [...RESOURCE_TYPES, ...(metricsServer(env) ? METRICS_RESOURCES : [])].sort((a, b) =>
    a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.plural < b.plural ? -1 : 1,
  );
  if (flags.has("namespaced"))
    types = types.filter((t) => t.namespaced === flags.bool("namespaced"));
  if (flags.has("api-group")) types = types.filter((t) => t.group === flags.string("api-group"));
  if (flags.string("sort-by") === "name")
    types.sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  if (flags.string("output") === "name") {
    env.stdout(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + "\n").join(""));
    return 0;
  }
  const wide = flags.string("output") === "wide";
  let text = flags.bool("no-headers")
    ? ""
    : `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? "\tVERBS\tCATEGORIES" : ""}\n`;
  for (const t of types) {
    text += `${t.plural}\t${t.shortNames.join(",")}\t${t.group ? `${t.group}/${t.version}` : t.version}\t${t.namespaced}\t${t.kind}`;
    text += wide ? `\t${[...t.verbs].sort().join(",")}\t${t.categories.join(",")}\n` : "\n";
  }
  env.stdout(tabulate(text, TABLE_TABWRITER));
  return 0;
}
