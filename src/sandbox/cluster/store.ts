/**
 * The object store: plain Kubernetes API JSON objects by resource plural, with the API server's
 * bookkeeping (uid, resourceVersion, creationTimestamp, generateName) and watch streams.
 * Stored objects are deep-frozen. `get` and `list` return copies a caller may change; `read` and
 * `readList` (and watch events) hand out the frozen objects themselves, which is much cheaper and
 * what the engine's controllers use: clone before changing one.
 */
import type { ObjectMeta } from "kubernetes-types/meta/v1.d.ts";
import type { VirtualClock } from "./clock.ts";
import type { SeededRandom } from "./random.ts";
import {
  checkFieldSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.ts";
import { rfc3339 } from "./time-format.ts";

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** Kubernetes types mark server-set fields readonly; the engine is the server that sets them. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface ListOptions {
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

export interface WatchOptions {
  namespace?: string | undefined;
  /** Replays the changes after this version first, as a watch with ?resourceVersion= does. */
  resourceVersion?: string | undefined;
}

/** Resources without a namespace. */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  "nodes",
  "namespaces",
  "persistentvolumes",
]);

/** The API server's NotFound / AlreadyExists / Conflict, with its message text. */
export class StoreError extends Error {
  override name = "StoreError";
  readonly reason: "NotFound" | "AlreadyExists" | "Conflict" | "Invalid";
  readonly code: number;

  constructor(reason: StoreError["reason"], message: string) {
    super(message);
    this.reason = reason;
    this.code = { NotFound: 404, AlreadyExists: 409, Conflict: 409, Invalid: 422 }[reason];
  }
}

/**
 * A watch from a resourceVersion older than the retained window of changes: the watch cache's
 * `too old resource version: N (M)`, M being the version just before the oldest change kept
 * (k8s.io/apiserver pkg/storage/cacher/watch_cache.go); the API answers 410 Expired.
 */
export class TooOldResourceVersionError extends Error {
  override name = "TooOldResourceVersionError";
  readonly reason = "Expired";
  readonly code = 410;
  readonly requested: number;
  readonly oldestKept: number;

  constructor(requested: number, oldestKept: number) {
    super(`too old resource version: ${String(requested)} (${String(oldestKept)})`);
    this.requested = requested;
    this.oldestKept = oldestKept;
  }
}

interface Listener {
  namespace: string | undefined;
  callback: (event: WatchEvent) => void;
}

interface Change {
  resource: string;
  version: number;
  event: WatchEvent;
}

/** How many past changes a watch from an older resourceVersion can replay. */
const CHANGE_HISTORY = 500;

/** How many different readList queries of one resource are remembered between its changes. */
const MAX_LISTINGS = 64;

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

/** Objects are plain JSON, for which a JSON round trip is the fastest deep copy. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class ObjectStore {
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #changes: Change[] = [];
  readonly #changeCounts = new Map<string, number>();
  /** Each resource's keys in list order, rebuilt only when an object is added or removed. */
  readonly #sortedKeys = new Map<string, string[]>();
  /**
   * Each resource's readList answers by query, dropped on any change to the resource: controllers
   * ask the same questions many times between two changes.
   */
  readonly #listings = new Map<string, Map<string, readonly KubeObject[]>>();
  readonly #clock: VirtualClock;
  readonly #random: SeededRandom;
  #version = 1000;
  /** Whether the window has dropped changes (before that every version can be replayed). */
  #changesDropped = false;

  constructor(clock: VirtualClock, random: SeededRandom) {
    this.#clock = clock;
    this.#random = random;
  }

  #table(resource: string): Map<string, KubeObject> {
    let table = this.#objects.get(resource);
    if (!table) {
      table = new Map();
      this.#objects.set(resource, table);
    }
    return table;
  }

  /** The latest resourceVersion, as a list's metadata.resourceVersion. */
  resourceVersion(): string {
    return String(this.#version);
  }

  // The caller names the kind it expects, as API clients do; the store cannot check it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  get<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    const found = this.read<T>(resource, namespace, name);
    return found ? copy(found) : undefined;
  }

  /** The stored, frozen object (do not change it). */
  // The caller names the kind it expects, as API clients do; the store cannot check it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  read<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    return this.#table(resource).get(
      key(CLUSTER_SCOPED.has(resource) ? undefined : namespace, name),
    ) as T | undefined;
  }

  /** Like get, but throws the API server's NotFound. */
  // The caller names the kind it expects, as API clients do; the store cannot check it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  require<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): T {
    const found = this.get<T>(resource, namespace, name);
    if (!found) throw new StoreError("NotFound", `${resource} "${name}" not found`);
    return found;
  }

  /** Objects sorted by namespace then name, as the API server lists them. */
  list<T extends KubeObject = KubeObject>(resource: string, options: ListOptions = {}): T[] {
    return this.readList<T>(resource, options).map((object) => copy(object));
  }

  /** Like list, but the stored, frozen objects (do not change them). */
  readList<T extends KubeObject = KubeObject>(resource: string, options: ListOptions = {}): T[] {
    const query = `${options.namespace ?? ""}\n${options.labelSelector ?? ""}\n${options.fieldSelector ?? ""}`;
    let listings = this.#listings.get(resource);
    const known = listings?.get(query);
    if (known) return known.slice() as T[];
    const found = this.#select<T>(resource, options);
    if (!listings) {
      listings = new Map();
      this.#listings.set(resource, listings);
    }
    if (listings.size >= MAX_LISTINGS) listings.clear();
    listings.set(query, found.slice());
    return found;
  }

  #select<T extends KubeObject>(resource: string, options: ListOptions): T[] {
    const labels = parseLabelSelector(options.labelSelector ?? "");
    const fields = parseFieldSelector(options.fieldSelector ?? "");
    checkFieldSelector(resource, fields);
    const out: T[] = [];
    let keys = this.#sortedKeys.get(resource);
    if (!keys) {
      keys = [...this.#table(resource).keys()].sort();
      this.#sortedKeys.set(resource, keys);
    }
    for (const k of keys) {
      const object = this.#table(resource).get(k);
      if (!object) continue;
      if (
        options.namespace !== undefined &&
        !CLUSTER_SCOPED.has(resource) &&
        object.metadata?.namespace !== options.namespace
      )
        continue;
      if (!matchesLabels(object.metadata?.labels, labels)) continue;
      if (!matchesFields(object, fields)) continue;
      out.push(object as T);
    }
    return out;
  }

  create<T extends KubeObject>(resource: string, object: T): T {
    return copy(this.#insert(resource, copy(object)));
  }

  /** Like create, but takes ownership of the object and returns the stored, frozen result. */
  insert<T extends KubeObject>(resource: string, object: T): T {
    return this.#insert(resource, object);
  }

  #insert<T extends KubeObject>(resource: string, object: T): T {
    const stored: T = { ...object };
    const metadata: Writable<ObjectMeta> = { ...stored.metadata };
    if (CLUSTER_SCOPED.has(resource)) delete metadata.namespace;
    else metadata.namespace ??= "default";
    if (!metadata.name) {
      if (!metadata.generateName)
        throw new StoreError(
          "Invalid",
          `${resource} "" is invalid: metadata.name: Required value: name or generateName is required`,
        );
      do metadata.name = metadata.generateName + this.#random.suffix(5);
      while (this.#table(resource).has(key(metadata.namespace, metadata.name)));
    }
    const k = key(metadata.namespace, metadata.name);
    if (this.#table(resource).has(k))
      throw new StoreError("AlreadyExists", `${resource} "${metadata.name}" already exists`);
    metadata.uid ??= this.#random.uuid();
    metadata.creationTimestamp ??= rfc3339(this.#clock.now());
    metadata.resourceVersion = this.#bump();
    stored.metadata = metadata;
    deepFreeze(stored);
    this.#table(resource).set(k, stored);
    this.#sortedKeys.delete(resource);
    this.#emit(resource, "ADDED", stored);
    return stored;
  }

  /** Replaces an object; a stale metadata.resourceVersion is a Conflict, as on the API server. */
  update<T extends KubeObject>(resource: string, object: T): T {
    return copy(this.#write(resource, copy(object)));
  }

  /**
   * Like update, but takes ownership of the object instead of copying it, and returns the stored,
   * frozen result: for the engine's own writes of objects built fresh (`{ ...read, status }`).
   */
  replace<T extends KubeObject>(resource: string, object: T): T {
    return this.#write(resource, object);
  }

  #write<T extends KubeObject>(resource: string, object: T): T {
    const metadata = object.metadata ?? {};
    const namespace = CLUSTER_SCOPED.has(resource) ? undefined : (metadata.namespace ?? "default");
    const k = key(namespace, metadata.name ?? "");
    const current = this.#table(resource).get(k);
    if (!current)
      throw new StoreError("NotFound", `${resource} "${metadata.name ?? ""}" not found`);
    if (
      metadata.resourceVersion !== undefined &&
      metadata.resourceVersion !== current.metadata?.resourceVersion
    ) {
      throw new StoreError(
        "Conflict",
        `Operation cannot be fulfilled on ${resource} "${metadata.name ?? ""}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const stored: T = { ...object };
    stored.metadata = {
      ...stored.metadata,
      uid: current.metadata?.uid,
      creationTimestamp: current.metadata?.creationTimestamp,
      resourceVersion: this.#bump(),
    } as ObjectMeta;
    if (namespace !== undefined) stored.metadata.namespace = namespace;
    deepFreeze(stored);
    this.#table(resource).set(k, stored);
    this.#emit(resource, "MODIFIED", stored);
    return stored;
  }

  /** Reads, changes and writes back an object in one step (for controllers). */
  mutate<T extends KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    change: (object: T) => void,
  ): T {
    const object = this.require<T>(resource, namespace, name);
    change(object);
    return this.update(resource, object);
  }

  // The caller names the kind it expects, as API clients do; the store cannot check it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  delete<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): T {
    const k = key(CLUSTER_SCOPED.has(resource) ? undefined : namespace, name);
    const current = this.#table(resource).get(k);
    if (!current) throw new StoreError("NotFound", `${resource} "${name}" not found`);
    this.#table(resource).delete(k);
    this.#sortedKeys.delete(resource);
    const gone = deepFreeze({
      ...current,
      metadata: { ...current.metadata, resourceVersion: this.#bump() },
    });
    this.#emit(resource, "DELETED", gone);
    return copy(gone) as T;
  }

  /**
   * Watch events carry the stored, frozen objects. A resourceVersion older than the window of
   * changes kept throws TooOldResourceVersionError (the client must list again).
   */
  watch(
    resource: string,
    options: WatchOptions,
    listener: (event: WatchEvent) => void,
  ): () => void {
    const entry: Listener = { namespace: options.namespace, callback: listener };
    if (options.resourceVersion !== undefined) {
      const since = Number(options.resourceVersion);
      const oldest = this.#changes[0]?.version;
      if (this.#changesDropped && oldest !== undefined && since < oldest - 1)
        throw new TooOldResourceVersionError(since, oldest - 1);
      for (const change of this.#changes) {
        if (
          change.resource === resource &&
          change.version > since &&
          this.#inNamespace(entry, change.event.object)
        ) {
          listener({ type: change.event.type, object: change.event.object });
        }
      }
    }
    let set = this.#listeners.get(resource);
    if (!set) {
      set = new Set();
      this.#listeners.set(resource, set);
    }
    set.add(entry);
    return () => set.delete(entry);
  }

  #inNamespace(listener: Listener, object: KubeObject): boolean {
    return listener.namespace === undefined || object.metadata?.namespace === listener.namespace;
  }

  #bump(): string {
    this.#version++;
    return String(this.#version);
  }

  /** A counter of changes to one resource, so a controller can tell whether it needs to look again. */
  changesOf(resource: string): number {
    return this.#changeCounts.get(resource) ?? 0;
  }

  #emit(resource: string, type: WatchEventType, object: KubeObject): void {
    this.#listings.delete(resource);
    this.#changeCounts.set(resource, this.changesOf(resource) + 1);
    const event: WatchEvent = { type, object };
    this.#changes.push({ resource, version: this.#version, event });
    if (this.#changes.length > CHANGE_HISTORY) {
      this.#changes.splice(0, this.#changes.length - CHANGE_HISTORY);
      this.#changesDropped = true;
    }
    const listeners = this.#listeners.get(resource);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      if (this.#inNamespace(listener, object)) listener.callback({ type, object });
    }
  }

  /** Every object, for snapshots and determinism checks. */
  snapshot(): Record<string, KubeObject[]> {
    const out: Record<string, KubeObject[]> = {};
    for (const resource of [...this.#objects.keys()].sort()) out[resource] = this.list(resource);
    return out;
  }
}
