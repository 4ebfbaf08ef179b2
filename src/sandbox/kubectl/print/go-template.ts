/**
 * Go's text/template as kubectl's -o go-template uses it (cli-runtime printers.GoTemplatePrinter:
 * a template named "output" with the extra functions exists and base64decode): the lexer with
 * trim markers and comments, the parser's checks and messages ("unclosed action", "unexpected
 * EOF", `function "x" not defined`, ...), and execution over the object as Go's
 * map[string]interface{} (go-fmt.ts), with text/template's error texts and positions.
 */
import {
  formatValue,
  fromJson,
  goQuote,
  goTypeName,
  goUnescape,
  goUnicodeName,
  isMap,
  isSlice,
  NO_VALUE,
  sprint,
  sprintf,
  type GoValue,
} from "./go-fmt.ts";

/** A parse error (`template: output:LINE: ...`) or an execution error (`...:LINE:COL: executing ...`). */
export class GoTemplateError extends Error {
  override name = "GoTemplateError";
}

// ---------------------------------------------------------------- lexer

type TokenType =
  | "text"
  | "left"
  | "right"
  | "space"
  | "field"
  | "variable"
  | "dot"
  | "identifier"
  | "keyword"
  | "bool"
  | "nil"
  | "number"
  | "char-constant"
  | "string"
  | "raw-string"
  | "pipe"
  | "declare"
  | "assign"
  | "left-paren"
  | "right-paren"
  | "char"
  | "eof";

interface Token {
  type: TokenType;
  value: string;
  pos: number;
  line: number;
}

const KEYWORDS = new Set([
  "block",
  "break",
  "continue",
  "define",
  "else",
  "end",
  "if",
  "range",
  "template",
  "with",
]);
const SPACE = /[ \t\r\n]/;
const ALPHANUMERIC = /[\p{L}\p{Nd}_]/u;

class Lexer {
  readonly tokens: Token[] = [];
  readonly #input: string;
  #pos = 0;
  #start = 0;
  #line = 1;
  #startLine = 1;
  #parenDepth = 0;

  constructor(input: string) {
    this.#input = input;
  }

  #emit(type: TokenType, value = this.#input.slice(this.#start, this.#pos)): void {
    this.tokens.push({ type, value, pos: this.#start, line: this.#startLine });
    this.#start = this.#pos;
    this.#startLine = this.#line;
  }

  #advance(count: number): void {
    for (let i = 0; i < count; i++) if (this.#input[this.#pos + i] === "\n") this.#line++;
    this.#pos += count;
  }

  #fail(message: string): never {
    throw new GoTemplateError(`template: output:${String(this.#line)}: ${message}`);
  }

  /** Whitespace trimmed by `{{- ` before an action, and by ` -}}` after one. */
  #rightTrim(): number {
    return /^[ \t\r\n]-\}\}/.test(this.#input.slice(this.#pos)) ? 4 : 0;
  }

  run(): Token[] {
    while (this.#pos < this.#input.length) {
      const open = this.#input.indexOf("{{", this.#pos);
      if (open === -1) {
        this.#advance(this.#input.length - this.#pos);
        this.#emit("text");
        break;
      }
      const leftTrim = /^\{\{-[ \t\r\n]/.test(this.#input.slice(open));
      this.#advance(open - this.#pos);
      if (this.#pos > this.#start) {
        let text = this.#input.slice(this.#start, this.#pos);
        if (leftTrim) text = text.replace(/[ \t\r\n]+$/, "");
        this.#emit("text", text);
      }
      this.#advance(leftTrim ? 3 : 2);
      if (this.#input.startsWith("/*", this.#pos)) {
        this.#comment();
        continue;
      }
      this.#emit("left");
      this.#action();
    }
    this.#emit("eof", "");
    return this.tokens;
  }

  #afterRightDelimiter(trimmed: boolean): void {
    if (trimmed) {
      const rest = this.#input.slice(this.#pos);
      this.#advance(rest.length - rest.replace(/^[ \t\r\n]+/, "").length);
    }
    this.#start = this.#pos;
    this.#startLine = this.#line;
  }

  #comment(): void {
    const end = this.#input.indexOf("*/", this.#pos + 2);
    if (end === -1) this.#fail("unclosed comment");
    this.#advance(end + 2 - this.#pos);
    const trim = this.#rightTrim();
    if (trim > 0) {
      this.#advance(trim);
      this.#afterRightDelimiter(true);
      return;
    }
    if (!this.#input.startsWith("}}", this.#pos))
      this.#fail("comment ends before closing delimiter");
    this.#advance(2);
    this.#afterRightDelimiter(false);
  }

  #atTerminator(): boolean {
    const ch = this.#input[this.#pos];
    if (ch === undefined || SPACE.test(ch)) return true;
    if (".,|:()".includes(ch)) return true;
    return this.#input.startsWith("}}", this.#pos);
  }

  #word(): void {
    while (ALPHANUMERIC.test(this.#input[this.#pos] ?? "")) this.#advance(1);
    if (!this.#atTerminator())
      this.#fail(`bad character ${goUnicodeName(this.#input[this.#pos] ?? "")}`);
  }

  #action(): void {
    for (;;) {
      const trim = this.#rightTrim();
      if (trim > 0 || this.#input.startsWith("}}", this.#pos)) {
        if (this.#parenDepth > 0) this.#fail("unclosed left paren");
        this.#advance(trim > 0 ? 1 : 0);
        this.#start = this.#pos;
        this.#advance(trim > 0 ? 3 : 2);
        this.#emit("right");
        this.#afterRightDelimiter(trim > 0);
        return;
      }
      const ch = this.#input[this.#pos];
      if (ch === undefined) this.#fail("unclosed action");
      if (SPACE.test(ch)) {
        while (SPACE.test(this.#input[this.#pos] ?? "") && this.#rightTrim() === 0)
          this.#advance(1);
        if (this.#pos === this.#start) this.#advance(1);
        this.#emit("space");
      } else if (ch === "=") {
        this.#advance(1);
        this.#emit("assign");
      } else if (ch === ":") {
        if (this.#input[this.#pos + 1] !== "=") this.#fail("expected :=");
        this.#advance(2);
        this.#emit("declare");
      } else if (ch === "|") {
        this.#advance(1);
        this.#emit("pipe");
      } else if (ch === '"') this.#quoted();
      else if (ch === "`") {
        const end = this.#input.indexOf("`", this.#pos + 1);
        if (end === -1) this.#fail("unterminated raw quoted string");
        this.#advance(end + 1 - this.#pos);
        this.#emit("raw-string");
      } else if (ch === "'") {
        const match = /^'(\\.[^']*|[^\\'\n])'/u.exec(this.#input.slice(this.#pos));
        if (!match) this.#fail("unterminated character constant");
        this.#advance(match[0].length);
        this.#emit("char-constant");
      } else if (ch === "$") {
        this.#advance(1);
        this.#word();
        this.#emit("variable");
      } else if (ch === "." && !/\d/.test(this.#input[this.#pos + 1] ?? "")) {
        this.#advance(1);
        if (!ALPHANUMERIC.test(this.#input[this.#pos] ?? "")) {
          this.#emit("dot");
          continue;
        }
        this.#word();
        this.#emit("field");
      } else if (/[\d.+-]/.test(ch)) this.#number();
      else if (ALPHANUMERIC.test(ch)) {
        this.#word();
        const word = this.#input.slice(this.#start, this.#pos);
        if (KEYWORDS.has(word)) this.#emit("keyword");
        else if (word === "true" || word === "false") this.#emit("bool");
        else if (word === "nil") this.#emit("nil");
        else this.#emit("identifier");
      } else if (ch === "(") {
        this.#advance(1);
        this.#parenDepth++;
        this.#emit("left-paren");
      } else if (ch === ")") {
        this.#advance(1);
        this.#parenDepth--;
        if (this.#parenDepth < 0) this.#fail("unexpected right paren");
        this.#emit("right-paren");
      } else if (ch.charCodeAt(0) < 0x7f && ch.charCodeAt(0) >= 0x20) {
        this.#advance(1);
        this.#emit("char");
      } else this.#fail(`unrecognized character in action: ${goUnicodeName(ch)}`);
    }
  }

  #quoted(): void {
    let i = this.#pos + 1;
    for (;;) {
      const ch = this.#input[i];
      if (ch === undefined || ch === "\n") this.#fail("unterminated quoted string");
      if (ch === "\\") i += 2;
      else if (ch === '"') break;
      else i++;
    }
    this.#advance(i + 1 - this.#pos);
    this.#emit("string");
  }

  #number(): void {
    const match = /^[+-]?(0[xX][\da-fA-F_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(
      this.#input.slice(this.#pos),
    );
    const length = match?.[0].length ?? 0;
    this.#advance(Math.max(1, length));
    if (ALPHANUMERIC.test(this.#input[this.#pos] ?? "")) {
      this.#advance(1);
      this.#fail(`bad number syntax: ${goQuote(this.#input.slice(this.#start, this.#pos))}`);
    }
    this.#emit("number");
  }
}

// ---------------------------------------------------------------- parse tree

type Arg =
  | { kind: "field"; pos: number; line: number; names: string[] }
  | { kind: "variable"; pos: number; line: number; name: string; fields: string[] }
  | { kind: "dot"; pos: number; line: number }
  | { kind: "nil"; pos: number; line: number }
  | { kind: "constant"; pos: number; line: number; value: GoValue; text: string }
  | { kind: "identifier"; pos: number; line: number; name: string }
  | { kind: "pipe"; pos: number; line: number; pipe: Pipeline }
  | { kind: "chain"; pos: number; line: number; node: Arg; fields: string[] };

interface Command {
  pos: number;
  line: number;
  args: Arg[];
}

interface Pipeline {
  pos: number;
  line: number;
  isAssign: boolean;
  decl: string[];
  commands: Command[];
}

/** {{if}}, {{range}} or {{with}}: the body, and what {{else}} runs. */
interface ControlNode {
  kind: "if" | "range" | "with";
  pipe: Pipeline;
  list: Node[];
  elseList: Node[] | undefined;
}

type Node =
  | { kind: "text"; text: string }
  | { kind: "action"; pipe: Pipeline }
  | ControlNode
  | { kind: "break" | "continue" }
  | { kind: "template"; pos: number; line: number; name: string };

function argText(arg: Arg): string {
  switch (arg.kind) {
    case "field":
      return arg.names.map((n) => `.${n}`).join("");
    case "variable":
      return [arg.name, ...arg.fields].join(".");
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "constant":
      return arg.text;
    case "identifier":
      return arg.name;
    case "pipe":
      return `(${pipeText(arg.pipe)})`;
    case "chain":
      return `${argText(arg.node)}${arg.fields.map((f) => `.${f}`).join("")}`;
  }
}

function commandText(command: Command): string {
  return command.args.map(argText).join(" ");
}

function pipeText(pipe: Pipeline): string {
  const decl = pipe.decl.length > 0 ? `${pipe.decl.join(", ")} ${pipe.isAssign ? "=" : ":="} ` : "";
  return decl + pipe.commands.map(commandText).join(" | ");
}

/** Go's item.String() in parser messages: EOF, <keyword>, or the quoted text. */
function tokenText(token: Token): string {
  if (token.type === "eof") return "EOF";
  if (token.type === "keyword") return `<${token.value}>`;
  if (token.value.length > 10) return `${goQuote(token.value.slice(0, 10))}...`;
  return goQuote(token.value);
}

type Builtin = (args: GoValue[]) => GoValue;

const BUILTIN_NAMES = new Set([
  "and",
  "or",
  "not",
  "len",
  "index",
  "slice",
  "print",
  "printf",
  "println",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "html",
  "js",
  "urlquery",
  "call",
  "exists",
  "base64decode",
]);

class Parser {
  readonly #tokens: Token[];
  #index = 0;
  #vars: string[] = ["$"];
  #rangeDepth = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #fail(message: string): never {
    const token = this.#tokens[Math.max(0, this.#index - 1)];
    throw new GoTemplateError(`template: output:${String(token?.line ?? 1)}: ${message}`);
  }

  #next(): Token {
    const token = this.#tokens[this.#index] ?? { type: "eof", value: "", pos: 0, line: 1 };
    if (this.#index < this.#tokens.length) this.#index++;
    return token;
  }

  /** strconv.Unquote of a "..." token; Go's parser reports a bad escape as "invalid syntax". */
  #unquote(text: string): string {
    const value = goUnescape(text.slice(1, -1));
    if (value === undefined) this.#fail("invalid syntax");
    return value;
  }

  #backup(count = 1): void {
    this.#index -= count;
  }

  #peek(): Token {
    const token = this.#next();
    this.#backup();
    return token;
  }

  #nextNonSpace(): Token {
    let token = this.#next();
    while (token.type === "space") token = this.#next();
    return token;
  }

  #peekNonSpace(): Token {
    const token = this.#nextNonSpace();
    this.#backup();
    return token;
  }

  parse(): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      const result = this.#textOrAction();
      if (result === "eof") return nodes;
      if (result === "end") this.#fail("unexpected {{end}}");
      if (result === "else") this.#fail("unexpected {{else}}");
      nodes.push(result);
    }
  }

  /** A body up to its {{end}} or {{else}}. */
  #list(): { nodes: Node[]; ended: "end" | "else" } {
    const nodes: Node[] = [];
    for (;;) {
      const result = this.#textOrAction();
      if (result === "eof") this.#fail("unexpected EOF");
      if (result === "end" || result === "else") return { nodes, ended: result };
      nodes.push(result);
    }
  }

  #textOrAction(): Node | "eof" | "end" | "else" {
    const token = this.#next();
    if (token.type === "eof") return "eof";
    if (token.type === "text") return { kind: "text", text: token.value };
    return this.#action();
  }

  #expectRight(context: string): void {
    const token = this.#nextNonSpace();
    if (token.type !== "right") this.#fail(`unexpected ${tokenText(token)} in ${context}`);
  }

  #action(): Node | "end" | "else" {
    const token = this.#nextNonSpace();
    if (token.type === "keyword") {
      switch (token.value) {
        case "end":
          this.#expectRight("end");
          return "end";
        case "else":
          return "else";
        case "if":
        case "range":
        case "with":
          return this.#control(token.value);
        case "break":
        case "continue":
          if (this.#rangeDepth === 0) this.#fail(`{{${token.value}}} outside {{range}}`);
          this.#expectRight(`{{${token.value}}}`);
          return { kind: token.value };
        case "template": {
          const name = this.#nextNonSpace();
          if (name.type !== "string" && name.type !== "raw-string")
            this.#fail(`unexpected ${tokenText(name)} in template clause`);
          if (this.#peekNonSpace().type !== "right") this.#pipeline("template", "right");
          else this.#expectRight("template clause");
          return {
            kind: "template",
            pos: name.pos,
            line: name.line,
            name: name.type === "string" ? this.#unquote(name.value) : name.value.slice(1, -1),
          };
        }
        default:
          this.#fail(`unexpected ${tokenText(token)} in command`);
      }
    }
    this.#backup();
    return { kind: "action", pipe: this.#pipeline("command", "right") };
  }

  #control(context: "if" | "range" | "with"): Node {
    const scope = this.#vars.length;
    const pipe = this.#pipeline(context, "right");
    if (context === "range") this.#rangeDepth++;
    const body = this.#list();
    if (context === "range") this.#rangeDepth--;
    let elseList: Node[] | undefined;
    if (body.ended === "else") {
      const chained = this.#peekNonSpace();
      if (context !== "range" && chained.type === "keyword" && chained.value === context) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}}, sharing the outer {{end}}.
        this.#nextNonSpace();
        elseList = [this.#control(context)];
      } else {
        this.#expectRight("else");
        const rest = this.#list();
        if (rest.ended !== "end") this.#fail("expected end; found {{else}}");
        elseList = rest.nodes;
      }
    }
    this.#vars.length = scope;
    return { kind: context, pipe, list: body.nodes, elseList };
  }

  #pipeline(context: string, end: "right" | "right-paren"): Pipeline {
    const start = this.#peekNonSpace();
    const pipe: Pipeline = {
      pos: start.pos,
      line: start.line,
      isAssign: false,
      decl: [],
      commands: [],
    };
    for (;;) {
      const variable = this.#peekNonSpace();
      if (variable.type !== "variable") break;
      this.#nextNonSpace();
      const next = this.#peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.#nextNonSpace();
        pipe.decl.push(variable.value);
        if (pipe.isAssign && !this.#vars.includes(variable.value))
          this.#fail(`undefined variable "${variable.value}"`);
        this.#vars.push(variable.value);
        break;
      }
      if (next.type === "char" && next.value === ",") {
        this.#nextNonSpace();
        pipe.decl.push(variable.value);
        this.#vars.push(variable.value);
        if (context === "range" && pipe.decl.length < 2) {
          const after = this.#peekNonSpace().type;
          if (after === "variable" || after === "right" || after === "right-paren") continue;
          this.#fail("range can only initialize variables");
        }
        this.#fail(`too many declarations in ${context}`);
      }
      this.#backup();
      break;
    }
    for (;;) {
      const token = this.#nextNonSpace();
      if (token.type === end) {
        if (pipe.commands.length === 0) this.#fail(`missing value for ${context}`);
        pipe.commands.forEach((command, i) => {
          const first = command.args[0];
          if (
            i > 0 &&
            (first?.kind === "constant" || first?.kind === "dot" || first?.kind === "nil")
          )
            this.#fail(`non executable command in pipeline stage ${String(i + 1)}`);
        });
        return pipe;
      }
      if (
        [
          "bool",
          "char-constant",
          "dot",
          "field",
          "identifier",
          "number",
          "nil",
          "raw-string",
          "string",
          "variable",
          "left-paren",
        ].includes(token.type)
      ) {
        this.#backup();
        pipe.commands.push(this.#command());
        continue;
      }
      this.#fail(`unexpected ${tokenText(token)} in ${context}`);
    }
  }

  #command(): Command {
    const start = this.#peekNonSpace();
    const command: Command = { pos: start.pos, line: start.line, args: [] };
    for (;;) {
      this.#peekNonSpace();
      const operand = this.#operand();
      if (operand) command.args.push(operand);
      const token = this.#next();
      if (token.type === "space") continue;
      if (token.type === "right" || token.type === "right-paren") this.#backup();
      else if (token.type !== "pipe") this.#fail(`unexpected ${tokenText(token)} in operand`);
      break;
    }
    if (command.args.length === 0) this.#fail("empty command");
    return command;
  }

  #operand(): Arg | undefined {
    const node = this.#term();
    if (!node || this.#peek().type !== "field") return node;
    const chainPos = this.#peek().pos;
    const fields: string[] = [];
    while (this.#peek().type === "field") fields.push(this.#next().value.slice(1));
    switch (node.kind) {
      case "field":
        return { ...node, pos: chainPos, names: [...node.names, ...fields] };
      case "variable":
        return { ...node, fields: [...node.fields, ...fields] };
      case "constant":
      case "dot":
      case "nil":
        return this.#fail(`unexpected . after term ${goQuote(argText(node))}`);
      default:
        return { kind: "chain", pos: chainPos, line: node.line, node, fields };
    }
  }

  #term(): Arg | undefined {
    const token = this.#nextNonSpace();
    const at = { pos: token.pos, line: token.line };
    switch (token.type) {
      case "identifier":
        if (!BUILTIN_NAMES.has(token.value)) this.#fail(`function "${token.value}" not defined`);
        return { kind: "identifier", ...at, name: token.value };
      case "dot":
        return { kind: "dot", ...at };
      case "nil":
        return { kind: "nil", ...at };
      case "variable": {
        const [name = "", ...fields] = token.value.split(".");
        if (!this.#vars.includes(name)) this.#fail(`undefined variable "${name}"`);
        return { kind: "variable", ...at, name, fields };
      }
      case "field":
        return { kind: "field", ...at, names: [token.value.slice(1)] };
      case "bool":
        return { kind: "constant", ...at, value: token.value === "true", text: token.value };
      case "number":
      case "char-constant":
        return { kind: "constant", ...at, value: this.#number(token), text: token.value };
      case "string":
        return { kind: "constant", ...at, value: this.#unquote(token.value), text: token.value };
      case "raw-string":
        return { kind: "constant", ...at, value: token.value.slice(1, -1), text: token.value };
      case "left-paren": {
        const pipe = this.#pipeline("parenthesized pipeline", "right-paren");
        return { kind: "pipe", ...at, pipe };
      }
      default:
        this.#backup();
        return undefined;
    }
  }

  /** parse.NumberNode: a constant with . or an exponent is a float64, otherwise an int. */
  #number(token: Token): GoValue {
    if (token.type === "char-constant") {
      const inner = token.value.slice(1, -1);
      return BigInt(
        (inner.startsWith("\\") ? this.#unquote(`"${inner}"`) : inner).codePointAt(0) ?? 0,
      );
    }
    const text = token.value.replaceAll("_", "");
    if (/^[+-]?0[xX]/.test(text)) return BigInt(text.replace(/^\+/, ""));
    if (/[.eE]/.test(text)) {
      const value = Number(text);
      if (Number.isNaN(value)) this.#fail(`illegal number syntax: ${goQuote(token.value)}`);
      return value;
    }
    if (!/^[+-]?\d+$/.test(text)) this.#fail(`illegal number syntax: ${goQuote(token.value)}`);
    return BigInt(text);
  }
}

// ---------------------------------------------------------------- execution

const MISSING: unique symbol = Symbol("missing");

/** {{break}} and {{continue}} unwind to their {{range}}. */
class BreakSignal extends Error {}
class ContinueSignal extends Error {}

function truth(value: GoValue): boolean {
  if (value === NO_VALUE || value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.length > 0;
  if (typeof value === "bigint") return value !== 0n;
  if (typeof value === "number") return value !== 0;
  if (isSlice(value)) return value.length > 0;
  return Object.keys(value).length > 0;
}

class CallError extends Error {}

type Kind = "int" | "float" | "string" | "bool" | "other";

function basicKind(value: GoValue): Kind {
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  return "other";
}

function compare(name: string, a: GoValue, b: GoValue): number {
  const kind = basicKind(a);
  if (kind === "other" || basicKind(b) === "other") {
    if (name === "eq" || name === "ne") {
      if (a === null && b === null) return 0;
      throw new CallError("non-comparable type");
    }
    throw new CallError("invalid type for comparison");
  }
  if (kind !== basicKind(b)) throw new CallError("incompatible types for comparison");
  if (kind === "bool" && name !== "eq" && name !== "ne")
    throw new CallError("invalid type for comparison");
  const x = a as string | number | bigint | boolean;
  const y = b as string | number | bigint | boolean;
  return x < y ? -1 : x > y ? 1 : 0;
}

function goLength(value: GoValue): number {
  if (typeof value === "string") return new TextEncoder().encode(value).length;
  if (isSlice(value)) return value.length;
  if (isMap(value)) return Object.keys(value).length;
  if (value === null || value === NO_VALUE) throw new CallError("len of nil pointer");
  throw new CallError(`len of type ${goTypeName(value)}`);
}

function indexOne(item: GoValue, key: GoValue): GoValue {
  if (item === null || item === NO_VALUE) throw new CallError("index of untyped nil");
  if (isMap(item)) {
    if (typeof key !== "string")
      throw new CallError(`value has type ${goTypeName(key)}; should be string`);
    return Object.hasOwn(item, key) ? (item[key] ?? null) : null;
  }
  if (isSlice(item) || typeof item === "string") {
    if (typeof key !== "bigint")
      throw new CallError(
        `cannot index slice/array with type ${key === null ? "nil" : goTypeName(key)}`,
      );
    const length = typeof item === "string" ? new TextEncoder().encode(item).length : item.length;
    if (key < 0n || key >= BigInt(length))
      throw new CallError(`index out of range: ${String(key)}`);
    return typeof item === "string"
      ? BigInt(new TextEncoder().encode(item)[Number(key)] ?? 0)
      : (item[Number(key)] ?? null);
  }
  throw new CallError(`can't index item of type ${goTypeName(item)}`);
}

/** kubectl's exists: whether the path of keys and indices leads somewhere. */
function exists(item: GoValue, indices: readonly GoValue[]): boolean {
  let current = item;
  for (const index of indices) {
    if (isMap(current) && typeof index === "string" && Object.hasOwn(current, index))
      current = current[index] ?? null;
    else if (
      isSlice(current) &&
      typeof index === "bigint" &&
      index >= 0n &&
      index < BigInt(current.length)
    )
      current = current[Number(index)] ?? null;
    else return false;
  }
  return true;
}

function base64decode(value: GoValue): GoValue {
  if (typeof value !== "string") throw new CallError("wrong type for value; expected string");
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value))
    throw new CallError("base64 decode failed: illegal base64 data at input byte 0");
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function htmlEscape(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("'", "&#39;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&#34;")
    .replaceAll("\0", "\uFFFD");
}

const BUILTINS: Record<string, Builtin> = {
  not: ([a = null]) => !truth(a),
  len: ([a = null]) => BigInt(goLength(a)),
  index: ([item = null, ...keys]) => keys.reduce<GoValue>((v, k) => indexOne(v, k), item),
  slice: ([item = null, ...bounds]) => {
    const numbers = bounds.map((b) => {
      if (typeof b !== "bigint") throw new CallError("cannot index slice/array with nil");
      return Number(b);
    });
    if (typeof item === "string") return item.slice(numbers[0] ?? 0, numbers[1] ?? item.length);
    if (isSlice(item)) return item.slice(numbers[0] ?? 0, numbers[1] ?? item.length);
    throw new CallError("can't slice item");
  },
  print: (args) => sprint(args),
  println: (args) => `${args.map(formatValue).join(" ")}\n`,
  printf: ([format = "", ...args]) => {
    if (typeof format !== "string") throw new CallError("wrong type for value; expected string");
    return sprintf(format, args);
  },
  eq: ([a = null, ...rest]) => {
    if (rest.length === 0) throw new CallError("missing argument for comparison");
    return rest.some((b) => compare("eq", a, b) === 0);
  },
  ne: ([a = null, b = null]) => compare("ne", a, b) !== 0,
  lt: ([a = null, b = null]) => compare("lt", a, b) < 0,
  le: ([a = null, b = null]) => compare("le", a, b) <= 0,
  gt: ([a = null, b = null]) => compare("gt", a, b) > 0,
  ge: ([a = null, b = null]) => compare("ge", a, b) >= 0,
  html: (args) => htmlEscape(sprint(args)),
  js: (args) =>
    sprint(args).replace(
      /[\\'"<>&=]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
    ),
  urlquery: (args) => encodeURIComponent(sprint(args)).replace(/%20/g, "+"),
  call: () => {
    throw new CallError("non-function of type interface {}");
  },
  exists: ([item = null, ...indices]) => exists(item, indices),
  base64decode: ([value = null]) => base64decode(value),
};

/** How many arguments each fixed-arity builtin takes (text/template checks before calling). */
const ARITY: Record<string, number> = {
  not: 1,
  len: 1,
  ne: 2,
  lt: 2,
  le: 2,
  gt: 2,
  ge: 2,
  base64decode: 1,
};

interface Variable {
  name: string;
  value: GoValue;
}

class Executor {
  #out = "";
  readonly #source: string;
  readonly #missingKeyError: boolean;
  #vars: Variable[];
  /** The node being evaluated, which execution errors name (text/template's state.at). */
  #at: { pos: number; text: string } = { pos: 0, text: "" };

  constructor(source: string, root: GoValue, missingKeyError: boolean) {
    this.#source = source;
    this.#missingKeyError = missingKeyError;
    this.#vars = [{ name: "$", value: root }];
  }

  get output(): string {
    return this.#out;
  }

  #mark(pos: number, text: string): void {
    this.#at = { pos, text };
  }

  /** Tree.ErrorContext: `output:LINE:COL: executing "output" at <node>: message`, COL from 0. */
  #fail(message: string): never {
    const before = this.#source.slice(0, this.#at.pos);
    const lastNewline = before.lastIndexOf("\n");
    const line = before.split("\n").length;
    const column = lastNewline === -1 ? this.#at.pos : this.#at.pos - lastNewline - 1;
    throw new GoTemplateError(
      `template: output:${String(line)}:${String(column)}: executing "output" at <${this.#at.text}>: ${message}`,
    );
  }

  walk(dot: GoValue, nodes: readonly Node[]): void {
    for (const node of nodes) this.#walkOne(dot, node);
  }

  #walkOne(dot: GoValue, node: Node): void {
    switch (node.kind) {
      case "text":
        this.#out += node.text;
        return;
      case "action": {
        const value = this.#pipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.#out += formatValue(value);
        return;
      }
      case "if":
      case "with": {
        const scope = this.#vars.length;
        const value = this.#pipeline(dot, node.pipe);
        if (truth(value)) this.walk(node.kind === "with" ? value : dot, node.list);
        else if (node.elseList) this.walk(dot, node.elseList);
        this.#vars.length = scope;
        return;
      }
      case "range":
        this.#range(dot, node);
        return;
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
      case "template":
        this.#mark(node.pos, `{{template ${goQuote(node.name)}}}`);
        this.#fail(`template ${goQuote(node.name)} not defined`);
    }
  }

  #range(dot: GoValue, node: ControlNode): void {
    const scope = this.#vars.length;
    const value = this.#pipeline(dot, node.pipe);
    const entries: [GoValue, GoValue][] = [];
    if (isSlice(value)) value.forEach((v, i) => entries.push([BigInt(i), v]));
    else if (isMap(value))
      for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
        entries.push([key, value[key] ?? null]);
    else if (typeof value === "bigint") for (let i = 0n; i < value; i++) entries.push([i, i]);
    else if (value !== NO_VALUE && value !== null)
      this.#fail(`range can't iterate over ${formatValue(value)}`);
    for (const [key, element] of entries) {
      const [first, second] = node.pipe.decl;
      if (first !== undefined) this.#set(first, second === undefined ? element : key);
      if (second !== undefined) this.#set(second, element);
      try {
        this.walk(element, node.list);
      } catch (signal) {
        if (signal instanceof BreakSignal) break;
        if (!(signal instanceof ContinueSignal)) throw signal;
      }
    }
    if (entries.length === 0 && node.elseList) this.walk(dot, node.elseList);
    this.#vars.length = scope;
  }

  #set(name: string, value: GoValue): void {
    for (let i = this.#vars.length - 1; i >= 0; i--) {
      const variable = this.#vars[i];
      if (variable?.name === name) {
        variable.value = value;
        return;
      }
    }
  }

  #pipeline(dot: GoValue, pipe: Pipeline): GoValue {
    let value: GoValue | typeof MISSING = MISSING;
    for (const command of pipe.commands) value = this.#command(dot, command, value);
    // text/template turns an interface{} holding nil into "no value" at the end of a pipeline.
    const result = value === MISSING || value === null ? NO_VALUE : value;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.#set(name, result);
      else this.#vars.push({ name, value: result });
    }
    return result;
  }

  #command(dot: GoValue, command: Command, final: GoValue | typeof MISSING): GoValue {
    const [first, ...rest] = command.args;
    if (!first) return NO_VALUE;
    switch (first.kind) {
      case "field":
        return this.#fieldChain(dot, first, first.names, command, final);
      case "chain": {
        const receiver = this.#argValue(dot, first.node);
        return this.#fieldChain(receiver, first, first.fields, command, final);
      }
      case "identifier":
        return this.#call(dot, first.name, command, rest, final);
      case "variable": {
        const variable = this.#variable(first.name);
        this.#mark(first.pos, argText(first));
        if (first.fields.length === 0) {
          this.#notAFunction(command, final);
          return variable;
        }
        return this.#fieldChain(variable, first, first.fields, command, final);
      }
      default: {
        this.#mark(first.pos, argText(first));
        this.#notAFunction(command, final);
        if (first.kind === "nil") this.#fail("nil is not a command");
        return this.#argValue(dot, first);
      }
    }
  }

  #notAFunction(command: Command, final: GoValue | typeof MISSING): void {
    if (command.args.length > 1 || final !== MISSING)
      this.#fail(
        `can't give argument to non-function ${argText(command.args[0] ?? { kind: "dot", pos: 0, line: 1 })}`,
      );
  }

  #variable(name: string): GoValue {
    for (let i = this.#vars.length - 1; i >= 0; i--) {
      const variable = this.#vars[i];
      if (variable?.name === name) return variable.value;
    }
    return this.#fail(`undefined variable: ${name}`);
  }

  #fieldChain(
    receiver: GoValue,
    node: Arg,
    names: readonly string[],
    command: Command,
    final: GoValue | typeof MISSING,
  ): GoValue {
    this.#mark(node.pos, argText(node));
    if (command.args.length > 1 || final !== MISSING) {
      const last = names.at(-1) ?? "";
      this.#fail(`${last} is not a method but has arguments`);
    }
    let current = receiver;
    for (const name of names) current = this.#field(current, name);
    return current;
  }

  #field(receiver: GoValue, name: string): GoValue {
    if (receiver === NO_VALUE) {
      if (this.#missingKeyError) this.#fail(`nil data; no entry for key ${goQuote(name)}`);
      return NO_VALUE;
    }
    if (receiver === null) this.#fail(`nil pointer evaluating interface {}.${name}`);
    if (isMap(receiver)) {
      if (Object.hasOwn(receiver, name)) return receiver[name] ?? null;
      if (this.#missingKeyError) this.#fail(`map has no entry for key ${goQuote(name)}`);
      return NO_VALUE;
    }
    return this.#fail(`can't evaluate field ${name} in type interface {}`);
  }

  #argValue(dot: GoValue, arg: Arg): GoValue {
    switch (arg.kind) {
      case "dot":
        return dot;
      case "nil":
        return null;
      case "constant":
        return arg.value;
      case "field":
        this.#mark(arg.pos, argText(arg));
        return this.#fieldChain(dot, arg, arg.names, { pos: 0, line: 1, args: [arg] }, MISSING);
      case "variable": {
        this.#mark(arg.pos, argText(arg));
        let value = this.#variable(arg.name);
        for (const name of arg.fields) value = this.#field(value, name);
        return value;
      }
      case "pipe":
        return this.#pipeline(dot, arg.pipe);
      case "chain": {
        let value = this.#argValue(dot, arg.node);
        this.#mark(arg.pos, argText(arg));
        for (const name of arg.fields) value = this.#field(value, name);
        return value;
      }
      case "identifier":
        return this.#call(
          dot,
          arg.name,
          { pos: arg.pos, line: arg.line, args: [arg] },
          [],
          MISSING,
        );
    }
  }

  #call(
    dot: GoValue,
    name: string,
    command: Command,
    argNodes: readonly Arg[],
    final: GoValue | typeof MISSING,
  ): GoValue {
    const count = argNodes.length + (final === MISSING ? 0 : 1);
    const want = ARITY[name];
    if (want !== undefined && count !== want) {
      this.#mark(command.pos, commandText(command));
      this.#fail(`wrong number of args for ${name}: want ${String(want)} got ${String(count)}`);
    }
    // and/or evaluate their arguments only until the answer is known.
    if (name === "and" || name === "or") {
      if (count === 0) {
        this.#mark(command.pos, commandText(command));
        this.#fail(`wrong number of args for ${name}: want at least 1 got 0`);
      }
      let value: GoValue = NO_VALUE;
      for (const node of argNodes) {
        value = this.#inArgument(this.#argValue(dot, node));
        if (truth(value) === (name === "or")) return value;
      }
      return final === MISSING ? value : final;
    }
    const args = argNodes.map((node) => this.#inArgument(this.#argValue(dot, node)));
    if (final !== MISSING) args.push(this.#inArgument(final));
    try {
      return (BUILTINS[name] ?? (() => NO_VALUE))(args);
    } catch (error) {
      if (!(error instanceof CallError)) throw error;
      this.#mark(command.pos, commandText(command));
      return this.#fail(`error calling ${name}: ${error.message}`);
    }
  }

  /** A function's interface{} parameter gets nil for "no value". */
  #inArgument(value: GoValue): GoValue {
    return value === NO_VALUE ? null : value;
  }
}

export interface CompiledGoTemplate {
  /** Runs the template; throws GoTemplateError with `partial`, the output written before the error. */
  execute(data: unknown, options?: { allowMissingKeys?: boolean }): string;
}

export class GoTemplateExecutionError extends GoTemplateError {
  override name = "GoTemplateExecutionError";
  readonly partial: string;

  constructor(message: string, partial: string) {
    super(message);
    this.partial = partial;
  }
}

/** Parses a template as template.New("output").Parse does; throws GoTemplateError. */
export function compileGoTemplate(source: string): CompiledGoTemplate {
  const nodes = new Parser(new Lexer(source).run()).parse();
  return {
    execute(data, options = {}) {
      const executor = new Executor(source, fromJson(data), options.allowMissingKeys === false);
      try {
        executor.walk(fromJson(data), nodes);
      } catch (error) {
        if (error instanceof GoTemplateError)
          throw new GoTemplateExecutionError(error.message, executor.output);
        throw error;
      }
      return executor.output;
    },
  };
}
