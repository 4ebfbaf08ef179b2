/**
 * kubectl's JSONPath (k8s.io/client-go/util/jsonpath, v1.32): its character-by-character parser,
 * with its messages ("unclosed action", "unterminated quoted string", "invalid array index 1:x",
 * "unrecognized character in action: U+0021 '!'"), and its evaluator: `range` and `end` are
 * identifiers run while walking (so "not in range, nothing to end" is an execution error),
 * filters compare with text/template's rules, indexes out of bounds fail. kubectl allows missing
 * keys. One action's results are joined by a space; maps and lists print as compact JSON, null as
 * "null". Map keys are visited in sorted order (Go's are random).
 */
import { formatFloat, goUnescape, goUnicodeName } from "./go-fmt.ts";
import { toCompactJson } from "./json.ts";

/** A template that does not parse: kubectl prints `error parsing jsonpath T, MESSAGE`. */
export class JsonPathError extends Error {
  override name = "JsonPathError";
}

/** A failure while walking the object: kubectl prints `error executing jsonpath "T": ...`. */
export class JsonPathExecutionError extends Error {
  override name = "JsonPathExecutionError";
}

/** A float constant of the template (8080.5); numbers of the object are ints when whole. */
class FloatConstant {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

interface ArrayParam {
  known: boolean;
  value: number;
  derived: boolean;
}

type Node =
  | { kind: "list"; nodes: Node[] }
  | { kind: "text"; text: string }
  | { kind: "field"; name: string }
  | { kind: "wildcard" }
  | { kind: "recursive" }
  | { kind: "array"; params: [ArrayParam, ArrayParam, ArrayParam] }
  | { kind: "union"; lists: Node[] }
  | { kind: "filter"; left: Node; right: Node; operator: string }
  | { kind: "identifier"; name: string }
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "bool"; value: boolean };

type ListNode = Extract<Node, { kind: "list" }>;

const DICT_KEY = /^'([^']*)'$/;
const SLICE_OPERATOR = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

function isTerminator(ch: string): boolean {
  return ch === "" || " \t\r\n.,[]$@{}".includes(ch);
}

function isAlphaNumeric(ch: string): boolean {
  return /^[\p{L}\p{Nd}_]$/u.test(ch);
}

/** jsonpath.UnquoteExtend: Go's unquoting for "..." and '...' text. */
function unquoteExtend(text: string): string {
  const value = goUnescape(text.slice(1, -1));
  if (value === undefined) throw new JsonPathError(`unquote string ${text} error invalid syntax`);
  return value;
}

class Parser {
  readonly root: ListNode = { kind: "list", nodes: [] };
  #input = "";
  #pos = 0;
  #start = 0;

  parse(text: string): ListNode {
    this.#input = text;
    this.#parseText(this.root);
    return this.root;
  }

  #next(): string {
    if (this.#pos >= this.#input.length) return "";
    const ch = String.fromCodePoint(this.#input.codePointAt(this.#pos) ?? 0);
    this.#pos += ch.length;
    return ch;
  }

  #backup(ch: string): void {
    this.#pos -= ch.length;
  }

  #peek(): string {
    const ch = this.#next();
    this.#backup(ch);
    return ch;
  }

  #consume(): string {
    const value = this.#input.slice(this.#start, this.#pos);
    this.#start = this.#pos;
    return value;
  }

  #parseText(current: ListNode): void {
    for (;;) {
      if (this.#input.startsWith("{", this.#pos)) {
        if (this.#pos > this.#start) current.nodes.push({ kind: "text", text: this.#consume() });
        this.#pos += 1;
        this.#consume();
        const action: ListNode = { kind: "list", nodes: [] };
        current.nodes.push(action);
        this.#parseInsideAction(action);
        return;
      }
      if (this.#next() === "") break;
    }
    if (this.#pos > this.#start) current.nodes.push({ kind: "text", text: this.#consume() });
  }

  #parseInsideAction(current: ListNode): void {
    for (;;) {
      const rest = this.#input.slice(this.#pos);
      if (rest.startsWith("}")) {
        this.#pos += 1;
        this.#consume();
        this.#parseText(this.root);
        return;
      }
      if (rest.startsWith("[?(")) {
        this.#parseFilter(current);
        continue;
      }
      if (rest.startsWith("..")) {
        const last = current.nodes.at(-1);
        if (last?.kind === "recursive")
          throw new JsonPathError("invalid multiple recursive descent");
        this.#pos += 2;
        this.#consume();
        current.nodes.push({ kind: "recursive" });
        if (isAlphaNumeric(this.#peek())) this.#parseField(current);
        continue;
      }
      const ch = this.#next();
      if (ch === "" || ch === "\r" || ch === "\n") throw new JsonPathError("unclosed action");
      if (ch === " " || ch === "@" || ch === "$") this.#consume();
      else if (ch === "[") this.#parseArray(current);
      else if (ch === '"' || ch === "'") this.#parseQuote(current, ch);
      else if (ch === ".") this.#parseField(current);
      else if (ch === "+" || ch === "-" || /\d/.test(ch)) {
        this.#backup(ch);
        this.#parseNumber(current);
      } else if (isAlphaNumeric(ch)) {
        this.#backup(ch);
        this.#parseIdentifier(current);
      } else throw new JsonPathError(`unrecognized character in action: ${goUnicodeName(ch)}`);
    }
  }

  #parseIdentifier(current: ListNode): void {
    for (;;) {
      const ch = this.#next();
      if (isTerminator(ch)) {
        this.#backup(ch);
        break;
      }
    }
    const value = this.#consume();
    if (value === "true" || value === "false")
      current.nodes.push({ kind: "bool", value: value === "true" });
    else current.nodes.push({ kind: "identifier", name: value });
  }

  #parseNumber(current: ListNode): void {
    const sign = this.#peek();
    if (sign === "+" || sign === "-") this.#next();
    for (;;) {
      const ch = this.#next();
      if (ch !== "." && !/\d/.test(ch)) {
        this.#backup(ch);
        break;
      }
    }
    const value = this.#consume();
    if (/^[+-]?\d+$/.test(value)) current.nodes.push({ kind: "int", value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value))
      current.nodes.push({ kind: "float", value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  #parseArray(current: ListNode): void {
    for (;;) {
      const ch = this.#next();
      if (ch === "" || ch === "\n") throw new JsonPathError("unterminated array");
      if (ch === "]") break;
    }
    let text = this.#consume().slice(1, -1);
    if (text === "*") text = ":";
    const parts = text.split(",");
    if (parts.length > 1) {
      const lists = parts.map((part) => parseAction(`[${part.trim()}]`));
      current.nodes.push({ kind: "union", lists });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      current.nodes.push(...parseAction(`.${key[1] ?? ""}`).nodes);
      return;
    }
    const slice = SLICE_OPERATOR.exec(text);
    if (!slice) throw new JsonPathError(`invalid array index ${text}`);
    const params: [ArrayParam, ArrayParam, ArrayParam] = [
      { known: false, value: 0, derived: false },
      { known: false, value: 0, derived: false },
      { known: false, value: 0, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? "";
      const param = params[i];
      if (!param) continue;
      if (part !== "") {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === "") param.known = false;
        else {
          if (!/^[+-]?\d+$/.test(part))
            throw new JsonPathError(`array index ${part} is not a number`);
          param.known = true;
          param.value = Number(part);
        }
      } else if (i === 1) {
        param.known = true;
        param.value = params[0].value + 1;
        param.derived = true;
      }
    }
    current.nodes.push({ kind: "array", params });
  }

  #parseFilter(current: ListNode): void {
    this.#pos += 3;
    this.#consume();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const ch = this.#next();
      if (ch === "" || ch === "\n") throw new JsonPathError("unterminated filter");
      if (ch === '"' || ch === "'") {
        if (!begin) {
          begin = true;
          pair = ch;
          continue;
        }
        if (this.#input[this.#pos - 2] !== "\\" && ch === pair) end = true;
      } else if (ch === ")" && begin === end) break;
    }
    if (this.#next() !== "]") throw new JsonPathError("unclosed array expect ]");
    const text = this.#consume().slice(0, -2);
    const match = FILTER.exec(text);
    if (!match) {
      current.nodes.push({
        kind: "filter",
        left: parseAction(text),
        right: { kind: "list", nodes: [] },
        operator: "exists",
      });
      return;
    }
    current.nodes.push({
      kind: "filter",
      left: parseAction(match[1] ?? ""),
      right: parseAction(match[3] ?? ""),
      operator: match[2] ?? "",
    });
  }

  #parseQuote(current: ListNode, quote: string): void {
    for (;;) {
      const ch = this.#next();
      if (ch === "" || ch === "\n") throw new JsonPathError("unterminated quoted string");
      if (ch === quote && this.#input[this.#pos - 2] !== "\\") break;
    }
    current.nodes.push({ kind: "text", text: unquoteExtend(this.#consume()) });
  }

  #parseField(current: ListNode): void {
    this.#consume();
    for (;;) {
      const ch = this.#next();
      if (ch === "\\") this.#next();
      else if (isTerminator(ch)) {
        this.#backup(ch);
        break;
      }
    }
    const value = this.#consume();
    if (value === "*") current.nodes.push({ kind: "wildcard" });
    else current.nodes.push({ kind: "field", name: value.replaceAll("\\", "") });
  }
}

/** parseAction: one action's nodes, parsed as `{text}`. */
function parseAction(text: string): ListNode {
  const root = new Parser().parse(`{${text}}`);
  const first = root.nodes[0];
  return first?.kind === "list" ? first : { kind: "list", nodes: [] };
}

// ---------------------------------------------------------------- evaluation

type Value = unknown;

function isMap(value: Value): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof FloatConstant)
  );
}

function sortedValues(map: Record<string, unknown>): unknown[] {
  return Object.keys(map)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => map[k]);
}

/** The Go type kubectl names in "... is not array or slice". */
function goType(value: Value): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (value instanceof FloatConstant) return "float64";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  return "map[string]interface {}";
}

type Kind = "int" | "float" | "string" | "bool" | "other";

function kindOf(value: Value): Kind {
  if (value instanceof FloatConstant) return "float";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  return "other";
}

function plain(value: Value): Value {
  return value instanceof FloatConstant ? value.value : value;
}

/** text/template's eq and lt on two basic values. */
function compare(left: Value, right: Value, operator: string): boolean {
  const kind = kindOf(left);
  if (kind === "other" || kindOf(right) === "other") {
    if (operator === "==" || operator === "!=") {
      if (left === null && right === null) return operator === "==";
      throw new JsonPathExecutionError("non-comparable types");
    }
    throw new JsonPathExecutionError("invalid type for comparison");
  }
  if (kind !== kindOf(right)) throw new JsonPathExecutionError("incompatible types for comparison");
  const a = plain(left) as string | number | boolean;
  const b = plain(right) as string | number | boolean;
  switch (operator) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
  }
  if (kind === "bool") throw new JsonPathExecutionError("invalid type for comparison");
  switch (operator) {
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
  }
  throw new JsonPathExecutionError(`unrecognized filter operator ${operator}`);
}

class Evaluator {
  #beginRange = 0;
  #inRange = 0;
  #endRange = 0;
  #lastEndNode: Node | undefined;

  /** FindResults: one list of values per top-level node, with range...end unrolled. */
  findResults(data: Value, nodes: readonly Node[]): Value[][] {
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const results = this.#walk([data], node);
      if (this.#endRange > 0 && this.#endRange <= this.#inRange) {
        this.#endRange--;
        this.#lastEndNode = node;
        break;
      }
      if (this.#beginRange > 0) {
        this.#beginRange--;
        this.#inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0)
          for (const value of results) full.push(...this.findResults(value, rest));
        else this.findResults(null, rest);
        this.#inRange--;
        const endAt = nodes.indexOf(this.#lastEndNode as Node, i + 1);
        if (endAt !== -1) i = endAt;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  #walk(input: Value[], node: Node): Value[] {
    switch (node.kind) {
      case "list": {
        let current = input;
        for (const child of node.nodes) current = this.#walk(current, child);
        return current;
      }
      case "text":
        return [node.text];
      case "field":
        return input.flatMap((v) =>
          isMap(v) && Object.hasOwn(v, node.name) ? [v[node.name]] : [],
        );
      case "array":
        return this.#array(input, node.params);
      case "filter":
        return this.#filter(input, node);
      case "int":
        return input.map(() => node.value);
      case "float":
        return input.map(() => new FloatConstant(node.value));
      case "bool":
        return input.map(() => node.value);
      case "wildcard":
        return input.flatMap((v): Value[] => {
          if (isMap(v)) return sortedValues(v);
          if (Array.isArray(v)) return v as Value[];
          // Go indexes a string by byte: `.kind.*` yields the bytes' numbers.
          return typeof v === "string" ? Array.from(new TextEncoder().encode(v)) : [];
        });
      case "recursive":
        return this.#recursive(input);
      case "union":
        return node.lists.flatMap((list) => this.#walk(input, list));
      case "identifier":
        if (node.name === "range") {
          this.#beginRange++;
          return input;
        }
        if (node.name === "end") {
          if (this.#inRange > 0) {
            this.#endRange++;
            return [];
          }
          throw new JsonPathExecutionError("not in range, nothing to end");
        }
        throw new JsonPathExecutionError(`unrecognized identifier ${node.name}`);
    }
  }

  #array(input: Value[], template: readonly ArrayParam[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value))
        throw new JsonPathExecutionError(`${goType(value)} is not array or slice`);
      const [start, end, step] = template.map((p) => ({ ...p }));
      if (!start || !end || !step) continue;
      const length = value.length;
      if (!start.known) start.value = 0;
      if (start.value < 0) start.value += length;
      if (!end.known) end.value = length;
      if (end.value < 0 || (end.value === 0 && end.derived)) end.value += length;
      if (end.value === start.value) return result;
      if (start.value >= length || start.value < 0)
        throw new JsonPathExecutionError(
          `array index out of bounds: index ${String(start.value)}, length ${String(length)}`,
        );
      if (end.value > length || end.value < 0)
        throw new JsonPathExecutionError(
          `array index out of bounds: index ${String(end.value - 1)}, length ${String(length)}`,
        );
      if (start.value > end.value)
        throw new JsonPathExecutionError(
          `starting index ${String(start.value)} is greater than ending index ${String(end.value)}`,
        );
      let by = 1;
      if (step.known) {
        if (step.value <= 0) throw new JsonPathExecutionError("step must be > 0");
        by = step.value;
      }
      const slice = value.slice(start.value, end.value);
      for (let i = 0; i < slice.length; i += by) result.push(slice[i]);
    }
    return result;
  }

  #filter(input: Value[], node: Extract<Node, { kind: "filter" }>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value))
        throw new JsonPathExecutionError(
          `${valueText(value)} is not array or slice and cannot be filtered`,
        );
      for (const item of value) {
        const lefts = this.#walk([item], node.left);
        if (node.operator === "exists") {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1)
          throw new JsonPathExecutionError("can only compare one element at a time");
        const rights = this.#walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1)
          throw new JsonPathExecutionError("can only compare one element at a time");
        if (compare(lefts[0], rights[0], node.operator)) results.push(item);
      }
    }
    return results;
  }

  #recursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      const children = isMap(value) ? sortedValues(value) : Array.isArray(value) ? value : [];
      if (children.length === 0) continue;
      result.push(value, ...this.#recursive(children));
    }
    return result;
  }
}

/** PrintResults: maps and lists as compact JSON, null as "null", other values as fmt prints them. */
function valueText(value: Value): string {
  if (value instanceof FloatConstant) return formatFloat(value.value);
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : formatFloat(value);
  if (typeof value === "boolean") return String(value);
  return toCompactJson(value);
}

export interface CompiledJsonPath {
  /** The template's text for an object; throws JsonPathExecutionError. */
  print(object: unknown): string;
  /** Every result of the template (custom-columns cells, --sort-by keys). */
  values(object: unknown): unknown[];
}

export function compileJsonPath(template: string): CompiledJsonPath {
  const root = new Parser().parse(template);
  const results = (object: unknown): Value[][] => new Evaluator().findResults(object, root.nodes);
  return {
    print: (object) =>
      results(object)
        .map((values) => values.map(valueText).join(" "))
        .join(""),
    values: (object) => results(object).flat(),
  };
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` or `{.a.b}` becomes `{.a.b}` (custom-columns,
 * --sort-by); undefined for anything else (kubectl's "unexpected path string").
 */
export function relaxedJsonPath(expression: string): string | undefined {
  if (expression === "") return expression;
  const match = RELAXED.exec(expression);
  if (!match) return undefined;
  return `{.${match[1] ?? match[2] ?? ""}}`;
}

export const UNEXPECTED_PATH =
  "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
