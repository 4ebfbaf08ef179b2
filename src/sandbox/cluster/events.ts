/**
 * The event recorder, as client-go's EventRecorder with its EventCorrelator: an event identical to
 * an earlier one (same object, type, reason, message, source) is not stored again; the earlier one
 * gets count + 1 and a new lastTimestamp. That is why describe shows "80s (x7 over 10m)".
 */
import type { Event, ObjectReference } from "kubernetes-types/core/v1.d.ts";
import type { VirtualClock } from "./clock.ts";
import type { ObjectStore, KubeObject } from "./store.ts";
import { rfc3339 } from "./time-format.ts";

export interface EventSource {
  component: string;
  host?: string | undefined;
}

export class EventRecorder {
  readonly #store: ObjectStore;
  readonly #clock: VirtualClock;
  /** Aggregation key -> event name, for the correlator's lookups. */
  readonly #seen = new Map<string, { namespace: string; name: string }>();
  #serial = 0;

  constructor(store: ObjectStore, clock: VirtualClock) {
    this.#store = store;
    this.#clock = clock;
  }

  record(
    object: KubeObject,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const meta = object.metadata ?? {};
    const namespace = meta.namespace ?? "default";
    const involved: ObjectReference = {};
    if (object.apiVersion !== undefined) involved.apiVersion = object.apiVersion;
    if (object.kind !== undefined) involved.kind = object.kind;
    if (meta.name !== undefined) involved.name = meta.name;
    if (meta.namespace !== undefined) involved.namespace = meta.namespace;
    if (meta.uid !== undefined) involved.uid = meta.uid;
    if (meta.resourceVersion !== undefined) involved.resourceVersion = meta.resourceVersion;
    if (fieldPath !== undefined) involved.fieldPath = fieldPath;
    const key = [
      meta.uid,
      fieldPath ?? "",
      type,
      reason,
      message,
      source.component,
      source.host ?? "",
    ].join("\u0000");
    const now = rfc3339(this.#clock.now());
    const existing = this.#seen.get(key);
    if (existing) {
      const stored = this.#store.read<Event>("events", existing.namespace, existing.name);
      if (stored) {
        this.#store.replace("events", {
          ...stored,
          count: (stored.count ?? 1) + 1,
          lastTimestamp: now,
        });
        return;
      }
    }
    // The API server names events "<object>.<unix nanoseconds in hex>".
    const nanos = BigInt(this.#clock.now()) * 1_000_000n + BigInt(this.#serial++);
    const name = `${meta.name ?? ""}.${nanos.toString(16)}`;
    const event: Event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      source:
        source.host === undefined
          ? { component: source.component }
          : { component: source.component, host: source.host },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      reportingComponent: source.component,
      reportingInstance: source.host ?? "",
    };
    this.#store.insert("events", event);
    this.#seen.set(key, { namespace, name });
  }
}
