/**
 * GNU grep's pattern dialects, translated. GNU's BRE takes `\+`, `\?` and `\|` as ERE's `+`, `?`
 * and `|` (a GNU extension the lessons' `grep -o '[0-9]\+'` relies on), which just-bash's BRE
 * reader does not, so a basic pattern is handed on as the extended pattern it means. The second
 * translation, ERE to a JavaScript RegExp, serves `grep -o` where the built-in cannot run.
 */

/** Length of the bracket expression starting at `start` (`[`), or 0 when it never closes. */
function bracketLength(pattern: string, start: number): number {
  let at = start + 1;
  if (pattern[at] === "^") at += 1;
  if (pattern[at] === "]") at += 1;
  while (at < pattern.length) {
    const char = pattern[at];
    if (char === "]") return at + 1 - start;
    const open = /^\[([:=.])/.exec(pattern.slice(at));
    if (open) {
      const close = pattern.indexOf(`${open[1] ?? ""}]`, at + 2);
      if (close < 0) return 0;
      at = close + 2;
      continue;
    }
    at += 1;
  }
  return 0;
}

/** Characters a BRE takes literally and an ERE as operators (and the reverse with a backslash). */
const SWAPPED = new Set(["(", ")", "{", "}", "|", "+", "?"]);

/** The ERE that means what GNU grep reads in the BRE `pattern`. */
export function basicToExtended(pattern: string): string {
  let out = "";
  /** At the start of the pattern or of a group or alternative, where `*` is literal. */
  let atStart = true;
  for (let at = 0; at < pattern.length;) {
    const char = pattern[at] ?? "";
    if (char === "[") {
      const length = bracketLength(pattern, at);
      if (length > 0) {
        out += pattern.slice(at, at + length);
        at += length;
        atStart = false;
        continue;
      }
      out += "\\[";
      at += 1;
      atStart = false;
      continue;
    }
    if (char === "\\" && at + 1 < pattern.length) {
      const next = pattern[at + 1] ?? "";
      out += SWAPPED.has(next) ? next : `\\${next}`;
      at += 2;
      atStart = next === "(" || next === "|";
      continue;
    }
    if (SWAPPED.has(char)) out += `\\${char}`;
    else if (char === "*" && atStart) out += "\\*";
    else if (char === "^" && !atStart) out += "\\^";
    else if (char === "$" && !isBasicEnd(pattern, at + 1)) out += "\\$";
    else out += char;
    atStart = atStart && char === "^";
    at += 1;
  }
  return out;
}

/** `$` anchors in a BRE only at the end of the pattern, a group or an alternative. */
function isBasicEnd(pattern: string, at: number): boolean {
  return at === pattern.length || pattern.startsWith("\\)", at) || pattern.startsWith("\\|", at);
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  cntrl: "\\x00-\\x1f\\x7f",
  print: " -~",
  graph: "!-~",
  word: "\\w",
};

/** A POSIX bracket expression as a JavaScript character class (a backslash is literal there). */
function bracketToJs(bracket: string): string {
  let inner = bracket.slice(1, -1);
  let negate = "";
  if (inner.startsWith("^")) {
    negate = "^";
    inner = inner.slice(1);
  }
  let out = "";
  for (let at = 0; at < inner.length;) {
    const named = /^\[:([a-z]+):\]/.exec(inner.slice(at));
    if (named) {
      out += POSIX_CLASSES[named[1] ?? ""] ?? "";
      at += named[0].length;
      continue;
    }
    const char = inner[at] ?? "";
    out += char === "\\" || char === "]" || char === "[" ? `\\${char}` : char;
    at += 1;
  }
  return `[${negate}${out}]`;
}

/** A JavaScript RegExp source for the GNU ERE `pattern` (`\<`, `\>`, brackets, `{,n}`). */
export function extendedToJs(pattern: string): string {
  let out = "";
  for (let at = 0; at < pattern.length;) {
    const char = pattern[at] ?? "";
    if (char === "[") {
      const length = bracketLength(pattern, at);
      if (length > 0) {
        out += bracketToJs(pattern.slice(at, at + length));
        at += length;
        continue;
      }
      out += "\\[";
      at += 1;
      continue;
    }
    if (char === "\\" && at + 1 < pattern.length) {
      const next = pattern[at + 1] ?? "";
      if (next === "<") out += "\\b(?=\\w)";
      else if (next === ">") out += "\\b(?<=\\w)";
      else out += `\\${next}`;
      at += 2;
      continue;
    }
    if (char === "{" && pattern[at + 1] === ",") {
      out += "{0";
      at += 1;
      continue;
    }
    out += char;
    at += 1;
  }
  return out;
}
