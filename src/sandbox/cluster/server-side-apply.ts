/**
 * Server-side apply and field ownership (k8s.io/apiserver pkg/endpoints/handlers/fieldmanager,
 * sigs.k8s.io/structured-merge-diff): every write through the API records which manager set which
 * fields (metadata.managedFields, FieldsV1); an apply (PATCH application/apply-patch+yaml) merges
 * the manager's configuration, drops the fields it applied before and no longer does, and refuses
 * with the API server's 409 message to change a field another manager owns unless force=true.
 * An object that has no managed fields yet (the scenario's own objects) is first owned as a whole
 * by "before-first-apply", as the API server's skipNonAppliedManager does; one that carries
 * kubectl's last-applied-configuration was written by a client-side `kubectl apply` outside the
 * API (the built-in kubectl), which a real API server records as "kubectl-client-side-apply".
 *
 * Ownership is kept beside the store (keyed by the object's uid), so the engine's objects stay as
 * they are; the API adds metadata.managedFields to what it serves. It lives with the cluster (the
 * API server's storage) so that both the API facade (src/sandbox/kube-api) and the built-in
 * kubectl's `apply --server-side` (src/sandbox/kubectl/commands/apply.ts) use the same ledger.
 */
import type { ManagedFieldsEntry } from "kubernetes-types/meta/v1.d.ts";
import type { KubeObject, ObjectStore } from "./store.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One step of a field path: a field name, or the key of an item in a keyed list. */
type Step = { field: string } | { key: JsonObject };

interface Ownership {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  /** Serialised paths (JSON of Step[]). */
  fields: Set<string>;
}

const BEFORE_FIRST_APPLY = "before-first-apply";
const CLIENT_SIDE_APPLY = "kubectl-client-side-apply";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Maps whose keys are owned one by one (and whose own existence is owned: the "." entry). */
const GRANULAR_MAPS: ReadonlySet<string> = new Set([
  "labels",
  "annotations",
  "data",
  "binaryData",
  "stringData",
  "nodeSelector",
  "matchLabels",
  "limits",
  "requests",
]);

/** Struct fields the API marks atomic: owned and replaced as one value. */
const ATOMIC_FIELDS: ReadonlySet<string> = new Set(["selector"]);

/** The key fields of the keyed lists (listType=map) of the core and apps schemas. */
const LIST_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ["name"],
  initContainers: ["name"],
  ephemeralContainers: ["name"],
  env: ["name"],
  volumes: ["name"],
  volumeMounts: ["mountPath"],
  ports: ["containerPort", "protocol"],
  imagePullSecrets: ["name"],
  tolerations: [],
};

/** Fields the field manager never tracks (TypeMeta and the server's own metadata). */
const IGNORED_METADATA: ReadonlySet<string> = new Set([
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
]);

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function itemKey(list: string, item: JsonObject): JsonObject | undefined {
  const fields = LIST_KEYS[list];
  if (fields === undefined || fields.length === 0) return undefined;
  const key: JsonObject = {};
  for (const field of fields) {
    const value = item[field] ?? (field === "protocol" ? "TCP" : undefined);
    if (value === undefined) return undefined;
    key[field] = value;
  }
  return key;
}

function keyedList(name: string, list: Json[]): boolean {
  return list.length > 0 && list.every((item) => isObject(item) && itemKey(name, item));
}

/** The paths of every field set in an object's configuration (status and TypeMeta excluded). */
export function fieldPaths(object: KubeObject): Set<string> {
  const out = new Set<string>();
  const walk = (value: Json, path: Step[], name: string): void => {
    if (isObject(value) && !ATOMIC_FIELDS.has(name)) {
      const last = path.at(-1);
      if (GRANULAR_MAPS.has(name) || (last !== undefined && "key" in last))
        out.add(JSON.stringify(path));
      const entries = Object.entries(value);
      if (entries.length === 0) out.add(JSON.stringify(path));
      for (const [field, child] of entries) walk(child, [...path, { field }], field);
      return;
    }
    if (Array.isArray(value) && keyedList(name, value)) {
      for (const item of value) {
        const key = itemKey(name, item as JsonObject) ?? {};
        walk(item, [...path, { key }], name);
      }
      return;
    }
    out.add(JSON.stringify(path));
  };
  const root = object as unknown as JsonObject;
  for (const [field, value] of Object.entries(root)) {
    if (field === "apiVersion" || field === "kind" || field === "status") continue;
    if (field === "metadata" && isObject(value)) {
      for (const [meta, child] of Object.entries(value)) {
        if (!IGNORED_METADATA.has(meta))
          walk(child, [{ field: "metadata" }, { field: meta }], meta);
      }
      continue;
    }
    walk(value, [{ field }], field);
  }
  return out;
}

function stepsOf(path: string): Step[] {
  return JSON.parse(path) as Step[];
}

function keyMatches(item: Json, key: JsonObject): boolean {
  if (!isObject(item)) return false;
  return Object.entries(key).every(
    ([field, value]) => (item[field] ?? (field === "protocol" ? "TCP" : undefined)) === value,
  );
}

function valueAt(object: Json, steps: readonly Step[]): Json | undefined {
  let current: Json | undefined = object;
  for (const step of steps) {
    if ("field" in step) current = isObject(current) ? current[step.field] : undefined;
    else
      current = Array.isArray(current) ? current.find((i) => keyMatches(i, step.key)) : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

function removeAt(object: Json, steps: readonly Step[]): void {
  const parent = valueAt(object, steps.slice(0, -1));
  const last = steps.at(-1);
  if (!last) return;
  if ("field" in last && isObject(parent)) Reflect.deleteProperty(parent, last.field);
  else if ("key" in last && Array.isArray(parent)) {
    const index = parent.findIndex((i) => keyMatches(i, last.key));
    if (index >= 0) parent.splice(index, 1);
  }
}

/** fieldpath.Path's String(): `.spec.containers[name="webapp"].image`. */
export function pathString(path: string): string {
  return stepsOf(path)
    .map((step) =>
      "field" in step
        ? `.${step.field}`
        : `[${Object.entries(step.key)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(",")}]`,
    )
    .join("");
}

interface FieldNode {
  member: boolean;
  children: Map<string, FieldNode>;
}

/** The FieldsV1 tree of a set of paths (`f:` fields, `k:` list keys, `.` for an owned node). */
export function fieldsV1(paths: ReadonlySet<string>): JsonObject {
  const root: FieldNode = { member: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const step of stepsOf(path)) {
      const name = "field" in step ? `f:${step.field}` : `k:${JSON.stringify(step.key)}`;
      let next = node.children.get(name);
      if (!next) {
        next = { member: false, children: new Map() };
        node.children.set(name, next);
      }
      node = next;
    }
    node.member = true;
  }
  const encode = (node: FieldNode): JsonObject => {
    const out: JsonObject = {};
    if (node.member && node.children.size > 0) out["."] = {};
    for (const name of [...node.children.keys()].sort()) {
      const child = node.children.get(name);
      if (child) out[name] = encode(child);
    }
    return out;
  };
  return encode(root);
}

/** The paths a FieldsV1 tree names (the inverse of fieldsV1). */
export function pathsOfFieldsV1(tree: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, path: Step[]): void => {
    if (!isObject(node)) return;
    const names = Object.keys(node);
    if (names.length === 0 || names.includes(".")) out.add(JSON.stringify(path));
    for (const name of names) {
      if (name.startsWith("f:")) walk(node[name], [...path, { field: name.slice(2) }]);
      else if (name.startsWith("k:")) {
        const key: unknown = JSON.parse(name.slice(2));
        if (isObject(key)) walk(node[name], [...path, { key }]);
      }
    }
  };
  walk(tree, []);
  out.delete(JSON.stringify([]));
  return out;
}

/**
 * A write that sets metadata.managedFields itself (kubectl's migration of client-side-apply
 * ownership after `apply --server-side`) replaces the recorded ownership with what it sent.
 * Returns false when the write carried no managedFields or the same ones.
 */
export function adoptManagedFields(
  store: ObjectStore,
  served: KubeObject,
  written: KubeObject,
  sent: readonly ManagedFieldsEntry[] | undefined,
): boolean {
  if (sent === undefined) return false;
  if (JSON.stringify(sent) === JSON.stringify(served.metadata?.managedFields ?? [])) return false;
  ledger(store).set(
    uidOf(written),
    sent.map((entry) => ({
      manager: entry.manager ?? "",
      operation: entry.operation === "Apply" ? "Apply" : "Update",
      apiVersion: entry.apiVersion ?? "v1",
      time: entry.time ?? "",
      fields: pathsOfFieldsV1(entry.fieldsV1),
    })),
  );
  return true;
}

/** Merges an applied configuration into the live object: maps by key, keyed lists by item key. */
function merge(live: Json | undefined, applied: Json, name: string): Json {
  if (isObject(applied) && isObject(live) && !ATOMIC_FIELDS.has(name)) {
    const out: JsonObject = { ...live };
    for (const [field, value] of Object.entries(applied))
      out[field] = merge(live[field], value, field);
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live) && keyedList(name, applied)) {
    const out = [...live];
    for (const item of applied) {
      const key = itemKey(name, item as JsonObject) ?? {};
      const index = out.findIndex((i) => keyMatches(i, key));
      if (index >= 0) out[index] = merge(out[index], item, name);
      else out.push(item);
    }
    return out;
  }
  return applied;
}

const ownership = new WeakMap<ObjectStore, Map<string, Ownership[]>>();

function ledger(store: ObjectStore): Map<string, Ownership[]> {
  let found = ownership.get(store);
  if (!found) {
    found = new Map();
    ownership.set(store, found);
  }
  return found;
}

function uidOf(object: KubeObject): string {
  return object.metadata?.uid ?? "";
}

/** The managedFields the API serves with an object (none until a write through the API). */
export function withManagedFields<T extends KubeObject>(store: ObjectStore, object: T): T {
  const entries = ledger(store).get(uidOf(object));
  if (!entries || entries.length === 0) return object;
  const managedFields: ManagedFieldsEntry[] = entries.map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    fieldsType: "FieldsV1",
    fieldsV1: fieldsV1(e.fields),
  }));
  return { ...object, metadata: { ...object.metadata, managedFields } };
}

/** Records an Update by `manager`: it now owns the fields it changed, which others lose. */
export function recordUpdate(
  store: ObjectStore,
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  time: string,
): void {
  const now = fieldPaths(after);
  const previous = before ? fieldPaths(before) : new Set<string>();
  const changed = new Set<string>();
  for (const path of now) {
    const steps = stepsOf(path);
    const old = before ? valueAt(before as unknown as Json, steps) : undefined;
    if (
      !previous.has(path) ||
      JSON.stringify(old) !== JSON.stringify(valueAt(after as unknown as Json, steps))
    )
      changed.add(path);
  }
  const entries = (ledger(store).get(uidOf(after)) ?? []).map((e) => ({
    ...e,
    fields: new Set([...e.fields].filter((p) => now.has(p) && !changed.has(p))),
  }));
  if (changed.size > 0) {
    const apiVersion = after.apiVersion ?? "v1";
    const mine = entries.find(
      (e) => e.manager === manager && e.operation === "Update" && e.apiVersion === apiVersion,
    );
    if (mine) {
      for (const p of changed) mine.fields.add(p);
      mine.time = time;
    } else entries.push({ manager, operation: "Update", apiVersion, time, fields: changed });
  }
  ledger(store).set(
    uidOf(after),
    entries.filter((e) => e.fields.size > 0),
  );
}

function conflictMessage(conflicts: readonly { manager: Ownership; path: string }[]): string {
  const label = (o: Ownership): string =>
    o.operation === "Update" ? `"${o.manager}" using ${o.apiVersion}` : `"${o.manager}"`;
  const [first] = conflicts;
  if (conflicts.length === 1 && first)
    return `Apply failed with 1 conflict: conflict with ${label(first.manager)}: ${pathString(first.path)}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const name = label(c.manager);
    byManager.set(name, [...(byManager.get(name) ?? []), pathString(c.path)]);
  }
  const lines: string[] = [];
  for (const name of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${name}:`);
    for (const path of byManager.get(name) ?? []) lines.push(`- ${path}`);
  }
  return `Apply failed with ${String(conflicts.length)} conflicts: ${lines.join("\n")}`;
}

/**
 * The API server's 409 Conflict for an apply that would change fields other managers own
 * (apiserver fieldmanager/internal/conflict.go): the message and one FieldManagerConflict cause
 * per field, as the Status details carry them.
 */
export class ApplyConflictError extends Error {
  override name = "ApplyConflictError";
  readonly reason = "Conflict";
  readonly code = 409;
  readonly causes: readonly { reason: string; message: string; field: string }[];

  constructor(message: string, causes: ApplyConflictError["causes"]) {
    super(message);
    this.causes = causes;
  }
}

export interface ApplyResult {
  object: KubeObject;
  /** Commits the new ownership once the object is stored (with its uid). */
  record(stored: KubeObject): void;
}

/**
 * Merges `applied` (the manager's whole configuration) into `live` (undefined: the object is new).
 * Throws the API server's 409 Conflict when another manager owns a field whose value would change.
 */
export function serverSideApply(
  store: ObjectStore,
  live: KubeObject | undefined,
  applied: KubeObject,
  options: { manager: string; force: boolean; time: string },
): ApplyResult {
  const apiVersion = applied.apiVersion ?? "v1";
  const paths = fieldPaths(applied);
  let entries: Ownership[] = live ? (ledger(store).get(uidOf(live)) ?? []) : [];
  if (live && entries.length === 0) {
    const appliedClientSide = live.metadata?.annotations?.[LAST_APPLIED] !== undefined;
    entries = [
      {
        manager: appliedClientSide ? CLIENT_SIDE_APPLY : BEFORE_FIRST_APPLY,
        operation: "Update",
        apiVersion: live.apiVersion ?? apiVersion,
        time: options.time,
        fields: fieldPaths(live),
      },
    ];
  }
  const isMine = (e: Ownership): boolean =>
    e.manager === options.manager && e.operation === "Apply";
  const conflicts: { manager: Ownership; path: string }[] = [];
  if (live) {
    for (const path of [...paths].sort()) {
      const steps = stepsOf(path);
      const value = valueAt(applied as unknown as Json, steps);
      const last = steps.at(-1);
      // A map or list item that is itself owned conflicts only through its fields.
      if (isObject(value) && !(last && "field" in last && ATOMIC_FIELDS.has(last.field))) continue;
      const wanted = JSON.stringify(value);
      const current = JSON.stringify(valueAt(live as unknown as Json, steps));
      if (wanted === current) continue;
      for (const e of entries)
        if (!isMine(e) && e.fields.has(path)) conflicts.push({ manager: e, path });
    }
  }
  if (conflicts.length > 0 && !options.force) {
    throw new ApplyConflictError(
      conflictMessage(conflicts),
      conflicts.map((c) => ({
        reason: "FieldManagerConflict",
        message: `conflict with "${c.manager.manager}"${c.manager.operation === "Update" ? ` using ${c.manager.apiVersion}` : ""}`,
        field: pathString(c.path),
      })),
    );
  }
  const previous = entries.find(isMine)?.fields ?? new Set<string>();
  const others = entries
    .filter((e) => !isMine(e))
    .map((e) => ({
      ...e,
      // Forcing takes the conflicting fields away from their managers.
      fields: new Set(
        [...e.fields].filter((p) => !(conflicts.some((c) => c.path === p) && paths.has(p))),
      ),
    }));
  const base = structuredClone((live ?? {}) as unknown as Json);
  const merged = merge(base, applied as unknown as Json, "") as JsonObject;
  // Fields this manager applied before, no longer applies, and nobody else owns are removed.
  for (const path of previous) {
    if (paths.has(path) || others.some((e) => e.fields.has(path))) continue;
    removeAt(merged, stepsOf(path));
  }
  const object = merged as unknown as KubeObject;
  return {
    object,
    record: (stored) => {
      const next: Ownership[] = [
        ...others.filter((e) => e.fields.size > 0),
        {
          manager: options.manager,
          operation: "Apply",
          apiVersion,
          time: options.time,
          fields: paths,
        },
      ];
      ledger(store).set(uidOf(stored), next);
    },
  };
}
