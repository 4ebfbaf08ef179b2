import { isNegated } from "./negation.ts";
import type { Token } from "./tokenise.ts";

/** A process's exit status is 8 bits (see reference/exit-codes.md: "The range"). */
export const highestExitValue = 255;

const rangeWords = new Set(["to", "-", "through", "and", "until", "till"]);
/** Longer sequences first: "max out at" before "max". */
const limitWords: readonly (readonly string[])[] = [
  ["max", "out", "at"],
  ["maxes", "out", "at"],
  ["top", "out", "at"],
  ["tops", "out", "at"],
  ["capped", "at"],
  ["up", "to"],
  ["at", "most"],
  ["max"],
  ["maximum"],
  ["highest"],
  ["largest"],
  ["limited", "to"],
  ["only", "go", "to"],
];
/** The sentence must be about exit values within this many tokens before the stated range. */
const contextReach = 8;
const contextWords = new Set([
  "exit",
  "code",
  "codes",
  "status",
  "value",
  "values",
  "range",
  "return",
  "returns",
]);

/**
 * "Go asks for 0-125", "recommends staying in the range 0 to 125": advice on which values to use
 * states no range of what values exist.
 */
const adviceWords = new Set(["for", "use", "using", "should", "within"]);
const adviceStems = ["keep", "stay", "stick", "recommend", "ask", "prefer", "advise", "portab"];
const adviceReach = 5;

function isAdvice(tokens: readonly Token[], at: number): boolean {
  return tokens
    .slice(Math.max(0, at - adviceReach), at)
    .some(
      (token) =>
        adviceWords.has(token.text) || adviceStems.some((stem) => token.text.startsWith(stem)),
    );
}

/** Words that give what the parent sees: "exit 300 and you get 300 back". */
const resultWords = new Set(["get", "gets", "gives", "returns", "becomes", "see", "shows"]);
const resultReach = 2;
/** "you get 256 possible values" counts values; it is no exit status. */
const countWords = new Set(["values", "possible", "different", "codes", "options"]);

/** An exit status above 255 stated as what a program's exit gives, or undefined. */
function statedResultAbove255(tokens: readonly Token[], at: number): number | undefined {
  const value = numberAt(tokens, at);
  if (value === undefined || value <= highestExitValue) return undefined;
  if (tokens[at - 1]?.text === "-" || countWords.has(tokens[at + 1]?.text ?? "")) return undefined;
  const before = tokens.slice(Math.max(0, at - resultReach), at);
  return before.some((token) => resultWords.has(token.text)) ? value : undefined;
}

function aboutExitValues(tokens: readonly Token[], at: number): boolean {
  for (let back = Math.max(0, at - contextReach); back < at; back++) {
    if (contextWords.has(tokens[back]?.text ?? "")) return true;
  }
  return false;
}

/**
 * "Only 0 to 127 are real exit values": the words naming exit values may follow the range. 125
 * after them is the portable range of advice ("0 to 125 are the safe exit codes"), not a limit.
 */
const portableBound = 125;

function namedAfter(tokens: readonly Token[], at: number, end: number, upper: number): boolean {
  const spansRange =
    numberAt(tokens, at) === 0 && ["to", "-", "through"].includes(tokens[at + 1]?.text ?? "");
  if (!spansRange || upper === portableBound) return false;
  return tokens
    .slice(end, end + contextReach)
    .some((token) => contextWords.has(token.text) && token.text !== "return");
}

function numberAt(tokens: readonly Token[], at: number): number | undefined {
  const token = tokens[at];
  return token?.kind === "number" ? Number(token.text) : undefined;
}

/** At most this many words name the thing limited: "the highest exit status value is 127". */
const limitedReach = 3;

/** Words between a limit and its number: "the maximum is 255", "up to like 512". */
const fillerWords = new Set(["is", "of", "like", "about", "around", "roughly"]);

const exitValueBits = 8;
const bitWords = new Set(["bit", "bits"]);

/** "a 16-bit number", "32 bits": a width other than 8 bits states a wrong range. */
function wrongBitWidth(tokens: readonly Token[], at: number): number | undefined {
  const width = numberAt(tokens, at);
  if (width === undefined || width === exitValueBits || width > 64) return undefined;
  const next = tokens[at + 1]?.text === "-" ? at + 2 : at + 1;
  return bitWords.has(tokens[next]?.text ?? "") ? 2 ** width - 1 : undefined;
}

/** Words that say a value comes through unchanged: "exit(256) is 256", "384 stays 384". */
const keptWords = new Set(["is", "stays", "remains", "gives", "becomes", "returns", "shows"]);
const keptReach = 3;

/** "exit two fifty six is two fifty six": a value above 255 said to come through as itself. */
function keptAbove255(tokens: readonly Token[], at: number): number | undefined {
  const value = numberAt(tokens, at);
  if (value === undefined || value <= highestExitValue || tokens[at - 1]?.text === "-") {
    return undefined;
  }
  const after = tokens.slice(at + 1, at + 1 + keptReach);
  const kept = after.findIndex((token) => token.kind === "number");
  if (kept < 0 || Number(after[kept]?.text) !== value) return undefined;
  return after.slice(0, kept).some((token) => keptWords.has(token.text)) ? value : undefined;
}

/** "256 and 384 just come through unchanged": values above 255 said to pass as they are. */
const unchangedWords = new Set(["unchanged", "intact", "untouched"]);
const unchangedReach = 6;

function passesUnchanged(tokens: readonly Token[], at: number): number | undefined {
  const value = numberAt(tokens, at);
  if (value === undefined || value <= highestExitValue) return undefined;
  const after = tokens.slice(at + 1, at + 1 + unchangedReach);
  return after.some((token) => unchangedWords.has(token.text)) ? value : undefined;
}

/** "exit codes above 255 are possible": values beyond the byte said to exist. */
const beyondWords = new Set(["above", "over", "beyond", "past"]);
const existWords = new Set(["possible", "allowed", "valid", "legal", "exist", "fine", "work"]);
const existReach = 4;

function existsAbove255(tokens: readonly Token[], at: number): number | undefined {
  const value = numberAt(tokens, at);
  if (value === undefined || value < highestExitValue) return undefined;
  if (!beyondWords.has(tokens[at - 1]?.text ?? "")) return undefined;
  const after = tokens.slice(at + 1, at + 1 + existReach);
  const exists = after.findIndex((token) => existWords.has(token.text));
  if (exists < 0) return undefined;
  const end = at + 2 + exists;
  return isNegated(tokens, [
    { start: at, end: at + 1 },
    { start: end - 1, end },
  ])
    ? undefined
    : value;
}

/** "anything from -128 to 255": a range of exit values that starts below 0. */
function negativeLowerBound(tokens: readonly Token[], at: number): number | undefined {
  if (tokens[at]?.text !== "-" || numberAt(tokens, at + 1) === undefined) return undefined;
  if (!rangeWords.has(tokens[at + 2]?.text ?? "")) return undefined;
  if (!["from", "between"].includes(tokens[at - 1]?.text ?? "")) return undefined;
  // "between minus 128 and plus 127"
  const signed = ["plus", "+"].includes(tokens[at + 3]?.text ?? "") ? 1 : 0;
  return numberAt(tokens, at + 3 + signed);
}

/**
 * "exit codes can be any int", "as big as you like": no upper bound at all. The value of the
 * unbounded range is reported as Infinity.
 */
const unbounded: readonly (readonly string[])[] = [
  ["any", "int"],
  ["any", "integer"],
  ["as", "big", "as", "you", "like"],
  ["as", "big", "as", "you", "want"],
  ["as", "large", "as", "you", "like"],
  ["as", "large", "as", "you", "want"],
  ["no", "upper", "limit"],
  ["a", "normal", "int"],
];

function statesNoBound(tokens: readonly Token[], at: number): number | undefined {
  const words = unbounded.find((sequence) =>
    sequence.every((word, offset) => tokens[at + offset]?.text === word),
  );
  return words === undefined ? undefined : Number.POSITIVE_INFINITY;
}

/** An exit value said to lie outside 0-255; range: it states what the values are. */
export interface UnboundedValue {
  readonly value: number;
  readonly range: boolean;
}

/**
 * Finds exit values said to pass outside 0-255 without a stated limit: a value above 255 that
 * comes through as itself ("exit(256) is 256", "come through unchanged"), a range from a negative
 * number ("anything from -128 to 255") or no bound at all ("exit codes can be any int", "above
 * 255 are possible"). A value passed through leaves the sentence's other words standing ("384 is
 * just 384, and keep them small anyway: Go says 0 to 125"); a stated range does not.
 */
export function findUnboundedExitValue(tokens: readonly Token[]): UnboundedValue | undefined {
  for (let at = 0; at < tokens.length; at++) {
    const passed = keptAbove255(tokens, at) ?? passesUnchanged(tokens, at);
    const bound = negativeLowerBound(tokens, at);
    const value = passed ?? bound ?? statesNoBound(tokens, at) ?? existsAbove255(tokens, at);
    if (value === undefined || isNegated(tokens, [{ start: at, end: at + 1 }])) continue;
    if (passed !== undefined) return { value, range: false };
    if (bound !== undefined || aboutExitValues(tokens, at)) return { value, range: true };
  }
  return undefined;
}

/**
 * Finds a stated range of exit values other than 0-255 ("exit codes go from 0 to 127", "can go
 * up to 65535", "the maximum is 128", "an exit status is a 16-bit number"). Returns the end of the
 * wrong range, or undefined.
 */
export function findWrongExitRange(tokens: readonly Token[]): number | undefined {
  for (let at = 0; at < tokens.length; at++) {
    const result = statedResultAbove255(tokens, at);
    const stated =
      result === undefined ? statedUpperBound(tokens, at) : { upper: result, end: at + 1 };
    if (stated === undefined) continue;
    const { upper, end } = stated;
    // "256 values" counts the values 0-255 and is right too.
    if (result === undefined && (upper === highestExitValue || upper === highestExitValue + 1)) {
      continue;
    }
    const named =
      aboutExitValues(tokens, at) ||
      tokens.slice(at, end).some((token) => contextWords.has(token.text)) ||
      namedAfter(tokens, at, end, upper);
    if (!named || isAdvice(tokens, at)) continue;
    if (result === undefined && continuesAbove(tokens, upper)) continue;
    if (isNegated(tokens, [{ start: at, end }])) continue;
    return upper;
  }
  return undefined;
}

/** What follows a number that opens the values above a bound: "128 and up", "128+". */
const openEnded: readonly (readonly string[])[] = [
  ["and", "up"],
  ["and", "above"],
  ["and", "over"],
  ["and", "higher"],
  ["or", "more"],
  ["or", "higher"],
  ["+"],
];

/**
 * Whether the sentence goes on past the bound it stated, splitting 0-255 instead of ending it
 * there: "0 through 127 are the program's own; 128 and up are special", "above 127 ...".
 */
function continuesAbove(tokens: readonly Token[], upper: number): boolean {
  return tokens.some((token, at) => {
    if (token.kind !== "number") return false;
    const value = Number(token.text);
    if (value === upper && ["above", "over", "beyond"].includes(tokens[at - 1]?.text ?? "")) {
      return true;
    }
    if (value !== upper + 1) return false;
    if (
      rangeWords.has(tokens[at + 1]?.text ?? "") &&
      numberAt(tokens, at + 2) === highestExitValue
    ) {
      return true;
    }
    return openEnded.some((words) =>
      words.every((word, offset) => tokens[at + 1 + offset]?.text === word),
    );
  });
}

/** The upper bound of exit values stated at this token, and where its statement ends. */
function statedUpperBound(
  tokens: readonly Token[],
  at: number,
): { readonly upper: number; readonly end: number } | undefined {
  const fromWidth = wrongBitWidth(tokens, at);
  if (fromWidth !== undefined) return { upper: fromWidth, end: at + 1 };
  if (numberAt(tokens, at) === 0 && rangeWords.has(tokens[at + 1]?.text ?? "")) {
    const upper = numberAt(tokens, at + 2);
    return upper === undefined ? undefined : { upper, end: at + 3 };
  }
  for (const words of limitWords) {
    if (!words.every((word, offset) => tokens[at + offset]?.text === word)) continue;
    const after = at + words.length;
    // "the maximum exit code is 128": the thing limited may sit between the limit and its number.
    let skip = 0;
    while (skip < limitedReach && contextWords.has(tokens[after + skip]?.text ?? "")) skip++;
    if (fillerWords.has(tokens[after + skip]?.text ?? "")) skip++;
    const upper = numberAt(tokens, after + skip);
    return upper === undefined ? undefined : { upper, end: after + skip + 1 };
  }
  return undefined;
}
