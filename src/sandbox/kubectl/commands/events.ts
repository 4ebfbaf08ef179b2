/** `kubectl events`: events sorted by last time seen, with "(x7 over 10m)" repeats and Kind/name. */
import type { Event } from "kubernetes-types/core/v1.d.ts";
import { ageSince } from "../duration.ts";
import type { KubectlEnv } from "../env.ts";
import { Flags, parseArgs } from "../flags.ts";
import { goSort } from "../go-sort.ts";
import { TABLE_TABWRITER, tabulate } from "../tabwriter.ts";

/** kubectl's eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function eventTimeMs(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? Date.parse(t) : 0;
}

export function runEvents(argv: readonly string[], env: KubectlEnv): number {
  const flags = new Flags(
    parseArgs("events", argv, [
      { name: "all-namespaces", short: "A", type: "bool" },
      { name: "for", type: "string" },
      { name: "types", type: "strings" },
      { name: "watch", short: "w", type: "bool" },
      { name: "no-headers", type: "bool" },
      { name: "output", short: "o", type: "string" },
      { name: "chunk-size", type: "int" },
    ]),
  );
  const all = flags.bool("all-namespaces");
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const nowMs = env.cluster.clock.now();
  let events = env.cluster.store.list<Event>("events", all ? {} : { namespace });
  const target = flags.optionalString("for");
  if (target) {
    const [kind = "", name = ""] = target.includes("/") ? target.split("/") : ["", target];
    events = events.filter(
      (e) =>
        e.involvedObject.name === name &&
        (kind === "" ||
          (e.involvedObject.kind ?? "")
            .toLowerCase()
            .startsWith(kind.toLowerCase().replace(/s$/, ""))),
    );
  }
  const types = flags.strings("types");
  if (types.length > 0) events = events.filter((e) => types.includes(e.type ?? ""));
  if (events.length === 0) {
    env.stderr(all ? "No events found.\n" : `No events found in ${namespace} namespace.\n`);
    return 0;
  }
  // SortableEvents through sort.Sort, which is not stable: ties keep Go's order.
  goSort(events, (a, b) => eventTimeMs(a) < eventTimeMs(b));
  let text = flags.bool("no-headers")
    ? ""
    : `${all ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  for (const e of events) {
    const first = ageSince(e.firstTimestamp ?? e.eventTime, nowMs);
    const count = e.series?.count ?? e.count ?? 1;
    const last = ageSince(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime, nowMs);
    const seen = count > 1 ? `${last} (x${count} over ${first})` : first;
    const object = `${e.involvedObject.kind ?? ""}/${e.involvedObject.name ?? ""}`;
    text += `${all ? `${e.metadata.namespace ?? ""}\t` : ""}${seen}\t${e.type ?? ""}\t${e.reason ?? ""}\t${object}\t${(e.message ?? "").trim()}\n`;
  }
  env.stdout(tabulate(text, TABLE_TABWRITER));
  return 0;
}
