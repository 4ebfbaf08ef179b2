/** DescribeEvents: the Events table at the end of describe, sorted by last time seen. */
import type { Event } from "kubernetes-types/core/v1.d.ts";
import { ageSince } from "../duration.ts";
import { goSort } from "../go-sort.ts";
import type { DescribeWriter } from "./writer.ts";

/** SortableEvents (pkg/util/event) orders by lastTimestamp alone; unset sorts first. */
function lastTimestampMs(event: Event): number {
  return event.lastTimestamp ? Date.parse(event.lastTimestamp) : Number.NEGATIVE_INFINITY;
}

export function writeEvents(w: DescribeWriter, events: readonly Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  const sorted = [...events];
  goSort(sorted, (a, b) => lastTimestampMs(a) < lastTimestampMs(b));
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = e.eventTime ? ageSince(e.eventTime, nowMs) : ageSince(e.firstTimestamp, nowMs);
    let interval = first;
    if (e.series)
      interval = `${ageSince(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1)
      interval = `${ageSince(e.lastTimestamp, nowMs)} (x${e.count ?? 0} over ${first})`;
    const source = e.source?.component || e.reportingComponent || "";
    w.write(
      1,
      `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${(e.message ?? "").trim()}\n`,
    );
  }
}
