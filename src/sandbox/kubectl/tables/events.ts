/** The events table (printEvent): LAST SEEN falls back to the first time, OBJECT is kind/name. */
import type { Event } from "kubernetes-types/core/v1.d.ts";
import { ageSince } from "../duration.ts";
import {
  column,
  NAME_COLUMN,
  type ResourceTable,
  type TableCell,
  type TableContext,
} from "./types.ts";

/** formatEventSource: "component, host" (the kubelet reports its node). */
export function eventSource(event: Event): string {
  const component = event.source?.component ?? "";
  const host = event.source?.host ?? "";
  return host ? `${component}, ${host}` : component;
}

export const eventTable: ResourceTable<Event> = {
  columns: [
    column("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
    column("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
    column(
      "Reason",
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column("Object", "The object that this event is about."),
    column(
      "Subobject",
      "If the reference is to an object as a whole, this is left empty; otherwise it names a piece of it.",
      {
        priority: 1,
      },
    ),
    column(
      "Source",
      "The component reporting this event. Should be a short machine understandable string.",
      {
        priority: 1,
      },
    ),
    column("Message", "A human-readable description of the status of this operation."),
    column(
      "First Seen",
      "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
      {
        priority: 1,
      },
    ),
    column("Count", "The number of times this event has occurred.", { priority: 1 }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells(event: Event, ctx: TableContext): TableCell[] {
    const first = event.firstTimestamp
      ? ageSince(event.firstTimestamp, ctx.nowMs)
      : ageSince(event.eventTime, ctx.nowMs);
    let last = event.lastTimestamp ? ageSince(event.lastTimestamp, ctx.nowMs) : first;
    let count = event.count ?? 0;
    if (event.series) {
      last = ageSince(event.series.lastObservedTime, ctx.nowMs);
      count = event.series.count ?? 0;
    } else if (count === 0) count = 1;
    const involved = event.involvedObject;
    const kind = (involved.kind ?? "").toLowerCase();
    const target = involved.name ? `${kind}/${involved.name}` : kind;
    return [
      last,
      event.type ?? "",
      event.reason ?? "",
      target,
      involved.fieldPath ?? "",
      eventSource(event),
      (event.message ?? "").trim(),
      first,
      String(count),
      event.metadata.name ?? "",
    ];
  },
};
