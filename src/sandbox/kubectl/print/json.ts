/**
 * `-o json` as kubectl writes it: Go's json.MarshalIndent with four spaces over an unstructured
 * object, so map keys are sorted and <, > and & are escaped as \u003c, \u003e and \u0026.
 */

function escapeString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function write(value: unknown, indent: string, step: string, sorted: boolean): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return escapeString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = indent + step;
    return `[\n${value.map((v) => inner + write(v, inner, step, sorted)).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    if (sorted) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return "{}";
    const inner = indent + step;
    return `{\n${entries.map(([k, v]) => `${inner}${escapeString(k)}: ${write(v, inner, step, sorted)}`).join(",\n")}\n${indent}}`;
  }
  return "null";
}

/**
 * Indented JSON with kubectl's layout, ending with a newline. Keys are sorted, as for the
 * unstructured objects `get` prints; `sorted` false keeps the order given, for a typed object
 * (Go's struct field order) whose maps the caller has sorted.
 */
export function toJson(value: unknown, sorted = true): string {
  return write(value, "", "    ", sorted) + "\n";
}

/** Compact JSON with sorted keys, as jsonpath prints maps and lists. */
export function toCompactJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return escapeString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => toCompactJson(v)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${escapeString(k)}:${toCompactJson(v)}`).join(",")}}`;
  }
  return "null";
}
