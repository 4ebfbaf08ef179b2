/**
 * The three PATCH formats kubectl sends: JSON merge patch (RFC 7386; label, annotate, scale),
 * JSON patch (RFC 6902; `kubectl patch --type=json`) and strategic merge patch (cordon, taint,
 * rollout restart, `kubectl patch`), which merges known lists by their merge key instead of
 * replacing them (k8s.io/apimachinery/pkg/util/strategicpatch, keys from the API's
 * patchMergeKey tags).
 */
import { ApiError } from "./status.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(out, key);
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

/** The merge key of each list field that strategic merge patch merges rather than replaces. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  ports: "containerPort",
  imagePullSecrets: "name",
  conditions: "type",
  taints: "key",
  ownerReferences: "uid",
  hostAliases: "ip",
  readinessGates: "conditionType",
};

/** Lists of scalars that strategic merge patch merges as sets. */
const MERGED_SCALAR_LISTS: ReadonlySet<string> = new Set(["finalizers"]);

function strategicList(field: string, target: Json[], patch: Json[]): Json[] {
  const key = MERGE_KEYS[field];
  if (MERGED_SCALAR_LISTS.has(field)) {
    const out = [...target];
    for (const item of patch) if (!out.includes(item)) out.push(item);
    return out;
  }
  if (!key) return patch;
  if (patch.some((item) => isObject(item) && item["$patch"] === "replace")) {
    return patch.filter((item) => !(isObject(item) && item["$patch"] === "replace"));
  }
  const out = [...target];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = out.findIndex((existing) => isObject(existing) && existing[key] === item[key]);
    if (item["$patch"] === "delete") {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) out[index] = strategicMergePatch(out[index] ?? null, item);
    else out.push(strategicMergePatch(null, item));
  }
  return out;
}

export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch["$patch"] === "replace") {
    return Object.fromEntries(Object.entries(patch).filter(([key]) => key !== "$patch"));
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch" || key === "$retainKeys" || key.startsWith("$setElementOrder/")) continue;
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(value))
        out[field] = current.filter((item) => !value.includes(item));
      continue;
    }
    if (value === null) Reflect.deleteProperty(out, key);
    else if (Array.isArray(value))
      out[key] = strategicList(key, Array.isArray(out[key]) ? out[key] : [], value);
    else out[key] = strategicMergePatch(out[key] ?? null, value);
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new ApiError("BadRequest", `invalid JSON pointer: "${path}"`);
  return path
    .slice(1)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function parentOf(
  document: Json,
  parts: string[],
  path: string,
): { parent: JsonObject | Json[]; last: string } {
  let current: Json = document;
  for (const part of parts.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(current)
      ? current[Number(part)]
      : isObject(current)
        ? current[part]
        : undefined;
    if (next === undefined || next === null || typeof next !== "object") {
      throw new ApiError(
        "Invalid",
        `the server rejected our request due to an error in our request: doc is missing path: "${path}"`,
      );
    }
    current = next;
  }
  if (current === null || typeof current !== "object")
    throw new ApiError("Invalid", `doc is missing path: "${path}"`);
  return { parent: current, last: parts[parts.length - 1] ?? "" };
}

function read(document: Json, path: string): Json {
  let current: Json = document;
  for (const part of pointer(path)) {
    const next: Json | undefined = Array.isArray(current)
      ? current[Number(part)]
      : isObject(current)
        ? current[part]
        : undefined;
    if (next === undefined) throw new ApiError("Invalid", `doc is missing path: "${path}"`);
    current = next;
  }
  return current;
}

interface JsonPatchOperation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

export function jsonPatch(document: Json, operations: unknown): Json {
  if (!Array.isArray(operations))
    throw new ApiError(
      "BadRequest",
      "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
    );
  let out: Json = structuredClone(document);
  for (const raw of operations as JsonPatchOperation[]) {
    if (typeof (raw as Partial<JsonPatchOperation> | null)?.path !== "string") {
      throw new ApiError(
        "BadRequest",
        "the server rejected our request due to an error in our request: missing path",
      );
    }
    const parts = pointer(raw.path);
    if (parts.length === 0) {
      if (raw.op === "add" || raw.op === "replace") out = raw.value ?? null;
      continue;
    }
    const { parent, last } = parentOf(out, parts, raw.path);
    const value =
      raw.op === "move" || raw.op === "copy"
        ? structuredClone(read(out, raw.from ?? ""))
        : (raw.value ?? null);
    switch (raw.op) {
      case "add":
      case "copy":
      case "move":
        if (raw.op === "move") remove(out, raw.from ?? "");
        if (Array.isArray(parent))
          parent.splice(last === "-" ? parent.length : Number(last), 0, value);
        else parent[last] = value;
        break;
      case "replace":
        read(out, raw.path);
        if (Array.isArray(parent)) parent[Number(last)] = value;
        else parent[last] = value;
        break;
      case "remove":
        remove(out, raw.path);
        break;
      case "test":
        if (JSON.stringify(read(out, raw.path)) !== JSON.stringify(value)) {
          throw new ApiError("Invalid", `testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw new ApiError("BadRequest", `Unexpected kind: ${raw.op}`);
    }
  }
  return out;
}

function remove(document: Json, path: string): void {
  read(document, path);
  const { parent, last } = parentOf(document, pointer(path), path);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else Reflect.deleteProperty(parent, last);
}

export type PatchType = "merge" | "strategic" | "json" | "apply";

export function patchTypeOf(contentType: string): PatchType | undefined {
  const base = contentType.split(";")[0]?.trim();
  if (base === "application/merge-patch+json") return "merge";
  if (base === "application/strategic-merge-patch+json") return "strategic";
  if (base === "application/json-patch+json") return "json";
  if (base === "application/apply-patch+yaml") return "apply";
  return undefined;
}

export function applyPatch(type: PatchType, document: unknown, patch: unknown): unknown {
  switch (type) {
    case "merge":
      return mergePatch(document as Json, patch as Json);
    case "strategic":
    case "apply":
      return strategicMergePatch(document as Json, patch as Json);
    case "json":
      return jsonPatch(document as Json, patch);
  }
}
