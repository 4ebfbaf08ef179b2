/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): literal text around `{...}`
 * actions; fields `.a.b`, `['a']`, wildcards `.*` and `[*]`, recursive descent `..name`, indexes,
 * slices `[1:3]` and unions `[0,2]`; filters `[?(@.type=="Ready")]` with == != < > <= >= and
 * existence; `{range ...}...{end}`; quoted text `{"\n"}`. kubectl allows missing keys when
 * printing, so a missing field prints nothing. Several results of one action are joined by a
 * space; strings print raw, maps and lists as compact JSON.
 */
import { toCompactJson } from "./json.ts";

export class JsonPathError extends Error {
  override name = "JsonPathError";
}

type Step =
  | { kind: "field"; names: string[] }
  | { kind: "wildcard" }
  | { kind: "recursive"; name: string | undefined }
  | { kind: "index"; indexes: number[] }
  | { kind: "slice"; start: number | undefined; end: number | undefined; step: number | undefined }
  | { kind: "filter"; left: Step[]; op: string | undefined; right: Operand | undefined };

type Operand =
  { kind: "path"; steps: Step[] } | { kind: "literal"; value: string | number | boolean | null };

type Node =
  | { kind: "text"; text: string }
  | { kind: "path"; steps: Step[] }
  | { kind: "range"; steps: Step[]; body: Node[] };

const TERMINATORS = new Set([
  " ",
  ".",
  ",",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  "=",
  "<",
  ">",
  "!",
  "\t",
  "\n",
]);

class Parser {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): Node[] {
    const { nodes, ended } = this.#nodes(false);
    if (ended) throw new JsonPathError("not in range, nothing to end");
    return nodes;
  }

  #nodes(inRange: boolean): { nodes: Node[]; ended: boolean } {
    const nodes: Node[] = [];
    while (this.#pos < this.#text.length) {
      const open = this.#text.indexOf("{", this.#pos);
      if (open === -1) {
        nodes.push({ kind: "text", text: this.#text.slice(this.#pos) });
        this.#pos = this.#text.length;
        break;
      }
      if (open > this.#pos) nodes.push({ kind: "text", text: this.#text.slice(this.#pos, open) });
      const close = this.#findClose(open);
      const action = this.#text.slice(open + 1, close).trim();
      this.#pos = close + 1;
      if (action === "end") {
        if (!inRange) throw new JsonPathError("not in range, nothing to end");
        return { nodes, ended: true };
      }
      if (action.startsWith("range ") || action === "range") {
        const steps = parsePath(action.slice(5).trim());
        const inner = this.#nodes(true);
        if (!inner.ended) throw new JsonPathError("unclosed range");
        nodes.push({ kind: "range", steps, body: inner.nodes });
        continue;
      }
      nodes.push(...parseAction(action));
    }
    return { nodes, ended: false };
  }

  #findClose(open: number): number {
    let quote: string | undefined;
    for (let i = open + 1; i < this.#text.length; i++) {
      const ch = this.#text[i];
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "}") return i;
    }
    throw new JsonPathError("unclosed action");
  }
}

function unquote(text: string): string {
  const quote = text[0];
  let out = "";
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i] ?? "";
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    i++;
    const next = text[i] ?? "";
    const map: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      "\\": "\\",
      '"': '"',
      "'": "'",
      "0": "\0",
    };
    const mapped = map[next];
    if (mapped === undefined)
      throw new JsonPathError(`invalid syntax in quoted text ${quote ?? ""}`);
    out += mapped;
  }
  return out;
}

/** One `{...}` action: quoted text, or a path (several space-separated parts print in turn). */
function parseAction(action: string): Node[] {
  if (action.startsWith('"') || action.startsWith("'")) {
    if (action.length < 2 || !action.endsWith(action[0] ?? ""))
      throw new JsonPathError("unterminated quoted string");
    return [{ kind: "text", text: unquote(action) }];
  }
  if (action === "") return [];
  return [{ kind: "path", steps: parsePath(action) }];
}

function readName(text: string, start: number): { name: string; end: number } {
  let name = "";
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "\\" && i + 1 < text.length) {
      name += text[i + 1] ?? "";
      i++;
      continue;
    }
    if (TERMINATORS.has(ch)) break;
    name += ch;
  }
  return { name, end: i };
}

function matchingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[") depth++;
    else if (ch === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new JsonPathError("unterminated array");
}

function parseInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (!/^-?\d+$/.test(trimmed)) throw new JsonPathError(`invalid array index ${trimmed}`);
  return Number.parseInt(trimmed, 10);
}

function parseBracket(inner: string): Step {
  const body = inner.trim();
  if (body === "*") return { kind: "wildcard" };
  if (body.startsWith("?")) {
    const match = /^\?\s*\((.*)\)$/s.exec(body);
    if (!match) throw new JsonPathError(`unclosed filter ${body}`);
    return parseFilter(match[1] ?? "");
  }
  if (body.startsWith("'") || body.startsWith('"')) {
    const names = splitTopLevel(body).map((part) => unquote(part.trim()));
    return { kind: "field", names };
  }
  if (body.includes(":")) {
    const [start = "", end = "", step = ""] = body.split(":");
    return {
      kind: "slice",
      start: parseInteger(start),
      end: parseInteger(end),
      step: parseInteger(step),
    };
  }
  const indexes = body.split(",").map((part) => {
    const value = parseInteger(part);
    if (value === undefined) throw new JsonPathError(`invalid array index ${body}`);
    return value;
  });
  return { kind: "index", indexes };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (quote) {
      if (ch === "\\") {
        current += ch + (text[i + 1] ?? "");
        i++;
        continue;
      }
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ",") {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function parseOperand(text: string): Operand {
  const t = text.trim();
  if (t.startsWith("@") || t.startsWith("$")) return { kind: "path", steps: parsePath(t) };
  if (t.startsWith('"') || t.startsWith("'")) return { kind: "literal", value: unquote(t) };
  if (t === "true" || t === "false") return { kind: "literal", value: t === "true" };
  if (t === "nil" || t === "null") return { kind: "literal", value: null };
  const n = Number(t);
  if (t !== "" && !Number.isNaN(n)) return { kind: "literal", value: n };
  throw new JsonPathError(`unrecognized character in action: ${t}`);
}

function parseFilter(expression: string): Step {
  const match = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/s.exec(expression);
  if (!match) {
    const left = parseOperand(expression);
    if (left.kind !== "path") throw new JsonPathError(`invalid filter ${expression}`);
    return { kind: "filter", left: left.steps, op: undefined, right: undefined };
  }
  const left = parseOperand(match[1] ?? "");
  if (left.kind !== "path") throw new JsonPathError(`invalid filter ${expression}`);
  return { kind: "filter", left: left.steps, op: match[2], right: parseOperand(match[3] ?? "") };
}

/** `.a.b[0]`, `$.a`, `@.a`, `..name`, `items[*]` (a leading dot is optional). */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const text = path.trim();
  if (text.startsWith("$") || text.startsWith("@")) i = 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ".") {
      if (text[i + 1] === ".") {
        const { name, end } = readName(text, i + 2);
        steps.push({ kind: "recursive", name: name === "" || name === "*" ? undefined : name });
        i = end;
        continue;
      }
      if (text[i + 1] === "*") {
        steps.push({ kind: "wildcard" });
        i += 2;
        continue;
      }
      const { name, end } = readName(text, i + 1);
      if (name !== "") steps.push({ kind: "field", names: [name] });
      i = end;
      continue;
    }
    if (ch === "[") {
      const close = matchingBracket(text, i);
      steps.push(parseBracket(text.slice(i + 1, close)));
      i = close + 1;
      continue;
    }
    if (ch === " " || ch === "\t") {
      i++;
      continue;
    }
    if (ch !== undefined && TERMINATORS.has(ch))
      throw new JsonPathError(
        `unrecognized character in action: U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} '${ch}'`,
      );
    const { name, end } = readName(text, i);
    steps.push({ kind: "field", names: [name] });
    i = end;
  }
  return steps;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value))
    return Object.keys(value)
      .sort()
      .map((k) => value[k]);
  return [];
}

function recursiveCollect(value: unknown, name: string | undefined, out: unknown[]): void {
  if (isObject(value)) {
    if (name === undefined) out.push(value);
    else if (name in value) out.push(value[name]);
  } else if (name === undefined) out.push(value);
  for (const child of children(value))
    if (typeof child === "object" && child !== null) recursiveCollect(child, name, out);
}

function normalizeIndex(index: number, length: number): number {
  return index < 0 ? index + length : index;
}

function compare(left: unknown, op: string, right: unknown): boolean {
  if (op === "==") return left === right;
  if (op === "!=") return !compare(left, "==", right);
  if (typeof left === "number" && typeof right === "number") {
    if (op === "<") return left < right;
    if (op === ">") return left > right;
    if (op === "<=") return left <= right;
    return left >= right;
  }
  return false;
}

function applyStep(values: unknown[], step: Step, root: unknown): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    switch (step.kind) {
      case "field":
        if (isObject(value))
          for (const name of step.names) if (name in value) out.push(value[name]);
        break;
      case "wildcard":
        out.push(...children(value));
        break;
      case "recursive":
        recursiveCollect(value, step.name, out);
        break;
      case "index":
        if (Array.isArray(value)) {
          for (const raw of step.indexes) {
            const index = normalizeIndex(raw, value.length);
            if (index >= 0 && index < value.length) out.push(value[index]);
          }
        }
        break;
      case "slice":
        if (Array.isArray(value)) {
          const len = value.length;
          const stepBy = step.step ?? 1;
          const start = Math.max(0, Math.min(len, normalizeIndex(step.start ?? 0, len)));
          const end = Math.max(0, Math.min(len, normalizeIndex(step.end ?? len, len)));
          for (let i = start; i < end; i += Math.max(1, stepBy)) out.push(value[i]);
        }
        break;
      case "filter":
        for (const item of children(value)) {
          const left = evaluateSteps(step.left, item, root);
          if (step.op === undefined || step.right === undefined) {
            if (left.length > 0) out.push(item);
            continue;
          }
          const right =
            step.right.kind === "literal"
              ? [step.right.value]
              : evaluateSteps(step.right.steps, item, root);
          const op = step.op;
          if (left.some((l) => right.some((r) => compare(l, op, r)))) out.push(item);
        }
        break;
    }
  }
  return out;
}

function evaluateSteps(steps: readonly Step[], current: unknown, root: unknown): unknown[] {
  let values: unknown[] = [current];
  for (const step of steps) values = applyStep(values, step, root);
  return values;
}

function valueText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "";
  return toCompactJson(value);
}

function render(nodes: readonly Node[], current: unknown, root: unknown): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") out += node.text;
    else if (node.kind === "path")
      out += evaluateSteps(node.steps, current, root).map(valueText).join(" ");
    else {
      let items = evaluateSteps(node.steps, current, root);
      if (items.length === 1 && Array.isArray(items[0]) && node.steps.at(-1)?.kind !== "wildcard") {
        items = items[0];
      }
      for (const item of items) out += render(node.body, item, root);
    }
  }
  return out;
}

export interface CompiledJsonPath {
  print(object: unknown): string;
  /** The values of a single-path template (for --sort-by and custom columns). */
  values(object: unknown): unknown[];
}

export function compileJsonPath(template: string): CompiledJsonPath {
  const nodes = new Parser(template).parse();
  return {
    print: (object) => render(nodes, object, object),
    values: (object) =>
      nodes.flatMap((node) =>
        node.kind === "path" ? evaluateSteps(node.steps, object, object) : [],
      ),
  };
}

/** RelaxedJSONPathExpression: `.a.b` or `a.b` becomes `{.a.b}` (custom-columns, --sort-by). */
export function relaxedJsonPath(expression: string): string {
  const trimmed = expression.trim();
  if (trimmed.startsWith("{") && trimmed.endsWith("}")) return trimmed;
  const inner = trimmed.startsWith(".") ? trimmed : `.${trimmed}`;
  return `{${inner}}`;
}
