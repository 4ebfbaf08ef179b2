/**
 * `-o yaml` exactly as kubectl writes it: sigs.k8s.io/yaml turns the JSON object into go-yaml v2
 * output. So map keys are sorted with go-yaml's natural order, and a sequence inside a map is not
 * indented. Strings that would read back as another type ("1010", "true", timestamps, "") are
 * double quoted. Strings with indicators (": ", leading "- ", "[" ...) are single quoted.
 * Long plain and quoted scalars are broken at the first space past column 80, as go-yaml's emitter
 * does (best_width 80), with continuation lines indented two more than their key.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const BEST_WIDTH = 80;

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

/** go-yaml v2's keyList.Less for string keys: letters after other runes, digit runs by value. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] ?? "";
    const bc = br[i] ?? "";
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === "0" || bc === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] ?? ""); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] ?? ""); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] ?? ""); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

function sortedKeys(object: Record<string, unknown>): string[] {
  return Object.keys(object).sort((a, b) =>
    goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0,
  );
}

/** Would go-yaml v2's resolver read this plain string as something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (s === "" || s === "~") return true;
  if (
    /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/.test(
      s,
    )
  ) {
    return true;
  }
  if (/^[-+]?(\.inf|\.Inf|\.INF)$/.test(s) || /^(\.nan|\.NaN|\.NAN)$/.test(s)) return true;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(s.replace(/_/g, "")) && /^[-+]?[0-9_]+$/.test(s)) return true;
  if (/^[-+]?0[0-7_]+$/.test(s) || /^[-+]?0x[0-9a-fA-F_]+$/.test(s) || /^[-+]?0b[01_]+$/.test(s))
    return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true;
  if (
    /^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?([ \t]*(Z|[-+]\d\d?(:\d\d)?))?)?$/.test(
      s,
    )
  )
    return true;
  return false;
}

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

interface Analysis {
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
  multiline: boolean;
}

/** yaml_emitter_analyze_scalar, for the block context. */
function analyze(value: string): Analysis {
  const chars = Array.from(value);
  let blockIndicators = value.startsWith("---") || value.startsWith("...");
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let lineBreaks = false;
  let special = false;
  const blankz = (ch: string | undefined): boolean =>
    ch === undefined || ch === " " || ch === "\t" || ch === "\n";
  let precededByWhitespace = true;
  let followedByWhitespace = blankz(chars[1]);
  for (const [i, ch] of chars.entries()) {
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) blockIndicators = true;
      if ((ch === "?" || ch === ":") && followedByWhitespace) blockIndicators = true;
      if (ch === "-" && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ":" && followedByWhitespace) blockIndicators = true;
      if (ch === "#" && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(ch)) special = true;
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === "\n") {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = blankz(ch);
    followedByWhitespace = blankz(chars[i + 2]);
  }
  let blockPlain = true;
  let singleQuoted = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) {
    blockPlain = false;
    singleQuoted = false;
  }
  if (spaceBreak || special) {
    blockPlain = false;
    singleQuoted = false;
    block = false;
  }
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { blockPlain, singleQuoted, block, multiline: lineBreaks };
}

/** Writes words separated by single spaces, breaking at a space once the column passes 80. */
function wrapAtSpaces(
  text: string,
  startColumn: number,
  indent: number,
  allowBreaks: boolean,
  quoted: boolean,
): string {
  const chars = Array.from(text);
  let out = "";
  let column = startColumn;
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === " ") {
      const canBreak =
        allowBreaks &&
        !spaces &&
        column > BEST_WIDTH &&
        chars[i + 1] !== " " &&
        (!quoted || (i !== 0 && i !== chars.length - 1));
      if (canBreak) {
        out += "\n" + " ".repeat(indent);
        column = indent;
      } else {
        out += ch;
        column++;
      }
      spaces = true;
    } else {
      out += ch;
      column++;
      spaces = false;
    }
  });
  return out;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  "\0": "\\0",
  "\x07": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
  '"': '\\"',
  "\\": "\\\\",
  "\u0085": "\\N",
  "\u00a0": "\\_",
  "\u2028": "\\L",
  "\u2029": "\\P",
};

function doubleQuoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const escape = DOUBLE_ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (!isPrintable(ch) || ch === "\ufeff") {
      const code = ch.codePointAt(0) ?? 0;
      if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
      else if (code <= 0xffff) out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
      else out += `\\U${code.toString(16).toUpperCase().padStart(8, "0")}`;
    } else out += ch;
  }
  return out + '"';
}

function literal(value: string, indent: number): string {
  const chomp = value.endsWith("\n") ? (value.endsWith("\n\n") ? "+" : "") : "-";
  const indicator = value.startsWith(" ") || value.startsWith("\n") ? "2" : "";
  const body = value.endsWith("\n") ? value.slice(0, -1) : value;
  const lines = body.split("\n").map((line) => (line === "" ? "" : " ".repeat(indent) + line));
  return `|${indicator}${chomp}\n${lines.join("\n")}`;
}

/** A string scalar placed at `column`; `indent` is where its continuation lines start. */
function scalar(value: string, column: number, indent: number, simpleKey: boolean): string {
  if (resolvesToNonString(value)) return doubleQuoted(value);
  if (value.includes("\n")) {
    const a = analyze(value);
    if (!a.block || simpleKey) return doubleQuoted(value);
    return literal(value, indent);
  }
  const a = analyze(value);
  if (a.blockPlain) return wrapAtSpaces(value, column, indent, !simpleKey, false);
  if (a.singleQuoted)
    return `'${wrapAtSpaces(value.replace(/'/g, "''"), column + 1, indent, !simpleKey, true)}'`;
  return doubleQuoted(value);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(n).replace(/e\+?/, "e+").replace("e+-", "e-");
}

function inline(value: Json, column: number, indent: number): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return scalar(value, column, indent, false);
  if (Array.isArray(value)) return "[]";
  return "{}";
}

function isEmptyCollection(value: Json): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0)
  );
}

function isCollection(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === "object" && value !== null && !isEmptyCollection(value);
}

function mapping(
  object: { [key: string]: Json },
  indent: number,
  firstPrefix: string | undefined,
): string[] {
  const lines: string[] = [];
  sortedKeys(object).forEach((key, i) => {
    const pad = i === 0 && firstPrefix !== undefined ? firstPrefix : " ".repeat(indent);
    const keyText = scalar(key, indent, indent + 2, true);
    const value = object[key] ?? null;
    if (isCollection(value)) {
      lines.push(`${pad}${keyText}:`);
      if (Array.isArray(value)) lines.push(...sequence(value, indent));
      else lines.push(...mapping(value, indent + 2, undefined));
    } else {
      lines.push(`${pad}${keyText}: ${inline(value, indent + keyText.length + 2, indent + 2)}`);
    }
  });
  return lines;
}

function sequence(items: Json[], indent: number): string[] {
  const lines: string[] = [];
  const pad = " ".repeat(indent);
  for (const item of items) {
    if (isCollection(item)) {
      if (Array.isArray(item)) lines.push(...sequenceInline(item, indent + 2, `${pad}- `));
      else lines.push(...mapping(item, indent + 2, `${pad}- `));
    } else lines.push(`${pad}- ${inline(item, indent + 2, indent + 2)}`);
  }
  return lines;
}

function sequenceInline(items: Json[], indent: number, firstPrefix: string): string[] {
  const lines = sequence(items, indent);
  const first = lines[0];
  if (first !== undefined) lines[0] = firstPrefix + first.slice(indent);
  return lines;
}

/** A JSON value as kubectl's YAML printer writes it (ending with a newline). */
export function toYaml(value: unknown): string {
  const json = JSON.parse(JSON.stringify(value ?? null)) as Json;
  if (isCollection(json)) {
    const lines = Array.isArray(json) ? sequence(json, 0) : mapping(json, 0, undefined);
    return lines.join("\n") + "\n";
  }
  return inline(json, 0, 2) + "\n";
}
