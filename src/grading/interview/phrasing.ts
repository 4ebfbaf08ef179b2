import { isNegated, type Span } from "./negation.ts";
import { tokenise, type Token } from "./tokenise.ts";

/** One word of an alternative: an exact word, a word beginning ("fail*") or a number ("#137"). */
type WordMatcher =
  | { readonly kind: "exact"; readonly text: string }
  | { readonly kind: "prefix"; readonly text: string }
  | { readonly kind: "number"; readonly value: string };

export type Alternative = readonly WordMatcher[];

/** A compiled phrasing: every group must match; a group matches when one alternative does. */
export interface Phrasing {
  readonly source: string;
  readonly groups: readonly (readonly Alternative[])[];
}

/** All matched words of one phrasing lie within this many tokens. */
const matchWindow = 22;

function compileAlternative(text: string): Alternative {
  const pieces = text.trim().split(/\s+/);
  const special = pieces.some((piece) => piece.endsWith("*") || piece.startsWith("#"));
  if (!special) return tokenise(text).map((token) => ({ kind: "exact", text: token.text }));
  return pieces.flatMap((piece): WordMatcher[] => {
    if (piece.startsWith("#")) return [{ kind: "number", value: piece.slice(1) }];
    if (piece.endsWith("*")) return [{ kind: "prefix", text: piece.slice(0, -1).toLowerCase() }];
    return tokenise(piece).map((token) => ({ kind: "exact", text: token.text }));
  });
}

/** Compiles the phrase notation documented in src/schemas/interview.ts (phrasingSchema). */
export function compilePhrasing(source: string): Phrasing {
  const groups = source.split(" + ").map(compileAlternatives);
  return { source, groups };
}

function wordMatches(matcher: WordMatcher, token: Token | undefined): boolean {
  if (token === undefined) return false;
  switch (matcher.kind) {
    case "exact":
      return token.text === matcher.text;
    case "prefix":
      return token.kind === "word" && token.text.startsWith(matcher.text);
    case "number":
      return token.kind === "number" && token.text === matcher.value;
  }
}

export interface Occurrence extends Span {
  /** A bare number ("#128"), the possible subject of a claim. */
  readonly numeric: boolean;
  /** Ends with a number ("exits with #128"), which "+ N" after it turns into an offset. */
  readonly endsWithNumber: boolean;
}

/** Compiles "a|b c|d*" into alternatives, for rules that look for one group of words. */
export function compileAlternatives(source: string): Alternative[] {
  return source
    .split("|")
    .map(compileAlternative)
    .filter((alternative) => alternative.length > 0);
}

/** Token positions by text, per sentence: most alternatives start with an exact word. */
const positionsByText = new WeakMap<readonly Token[], Map<string, number[]>>();

function positionsOf(tokens: readonly Token[]): Map<string, number[]> {
  let positions = positionsByText.get(tokens);
  if (!positions) {
    positions = new Map();
    tokens.forEach((token, at) => {
      const list = positions?.get(token.text);
      if (list) list.push(at);
      else positions?.set(token.text, [at]);
    });
    positionsByText.set(tokens, positions);
  }
  return positions;
}

function candidateStarts(tokens: readonly Token[], first: WordMatcher): readonly number[] {
  if (first.kind === "prefix") {
    return tokens.flatMap((token, at) => (wordMatches(first, token) ? [at] : []));
  }
  return positionsOf(tokens).get(first.kind === "exact" ? first.text : first.value) ?? [];
}

/**
 * "-128" is not 128: a number with a minus sign after anything but an operand ("exit(-1)",
 * "stays -128", "so minus one is minus one") matches only an alternative that spells the sign;
 * after a number or a value ("137 - 128", "exit code minus 128") the minus subtracts.
 */
const operands = new Set(["code", "codes", "status", "value", "number", "it"]);

function isNegativeNumber(tokens: readonly Token[], at: number): boolean {
  if (tokens[at - 1]?.text !== "-") return false;
  const before = tokens[at - 2];
  return before?.kind !== "number" && !operands.has(before?.text ?? "");
}

/** Where any of the alternatives occurs; at each position the first alternative listed wins. */
export function occurrences(
  tokens: readonly Token[],
  alternatives: readonly Alternative[],
): Occurrence[] {
  const byStart = new Map<number, Occurrence>();
  for (const alternative of alternatives) {
    const first = alternative[0];
    if (first === undefined) continue;
    for (const start of candidateStarts(tokens, first)) {
      if (byStart.has(start)) continue;
      if (first.kind === "number" && isNegativeNumber(tokens, start)) continue;
      // "- #128" is the negative number, not "code minus 128".
      const signed =
        first.kind === "exact" && first.text === "-" && alternative[1]?.kind === "number";
      if (signed && !isNegativeNumber(tokens, start + 1)) continue;
      if (!alternative.every((matcher, offset) => wordMatches(matcher, tokens[start + offset]))) {
        continue;
      }
      // Only a bare number is a claim's subject; "exits with #128" carries its own context.
      const numeric = alternative.length === 1 && first.kind === "number";
      const endsWithNumber = alternative.at(-1)?.kind === "number";
      byStart.set(start, { start, end: start + alternative.length, numeric, endsWithNumber });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** Words that make a number an offset ("above 128", "128 + N") rather than a claim about it. */
const offsetBefore = new Set([
  "above",
  "over",
  "than",
  "beyond",
  "past",
  "plus",
  "+",
  "minus",
  "-",
  "after",
  "subtract",
  "exceeding",
  "from",
]);
const offsetAfter = new Set(["+", "plus", "-", "minus"]);

export interface MatchOptions {
  /**
   * For misconceptions, which must be asserted to count. A number must be the subject of the
   * claim: it comes before the other matched words, is not used as an offset ("codes above 128
   * are signals"), and no other exit code sits between it and the claim ("137 is OOM" says
   * nothing about 128 in "128 and 137 is OOM"). A conditional ("if it were OOM") asserts nothing.
   */
  readonly claim: boolean;
}

/** "take 128 and add the signal number" uses 128 as an offset a few words before "add". */
const offsetVerbs = new Set(["add", "adds", "plus", "+", "subtract", "minus"]);
const offsetVerbReach = 3;

function isOffsetUse(tokens: readonly Token[], occurrence: Occurrence): boolean {
  if (offsetBefore.has(tokens[occurrence.start - 1]?.text ?? "")) return true;
  if (offsetAfter.has(tokens[occurrence.end]?.text ?? "")) return true;
  const after = tokens.slice(occurrence.end, occurrence.end + offsetVerbReach);
  return after.some((token) => offsetVerbs.has(token.text));
}

/** Conditionals do not assert: "if it were OOM you would see 137". */
const hypotheticalCues = new Set(["if", "whether", "unless", "were"]);
const hypotheticalReach = 6;

/**
 * "If the logs are empty, that means nothing failed", "if you see 137 it's definitely OOM" assert
 * the rule they state: a condition whose consequence (a later clause with one of these words) is
 * part of the match is a claim.
 */
const ruleVerbs = new Set([
  "means",
  "mean",
  "meant",
  "indicates",
  "implies",
  "then",
  "always",
  "definitely",
  "certainly",
  "must",
  "proves",
  "prove",
  "shows",
  "confirms",
  // "If it's 126, I'd check the PATH, since the command can't be found": the reason given for
  // the condition is asserted.
  "since",
  "because",
]);

/**
 * "If it works after a restart, the node was the problem": a consequence stated as fact (no
 * "would", "could", "might") after the condition's comma is the rule too; "if it were OOM, you
 * would see 137" imagines it.
 */
const modals = new Set(["would", "could", "might", "may"]);
const subjectPronouns = new Set(["it", "that", "this", "i", "we", "you", "they"]);

const beVerbs = new Set(["is", "are", "was", "were"]);
const determiners = new Set(["the", "a", "an", "your", "my", "our"]);
const inlineSubjectReach = 3;

/**
 * Spoken, without a comma: "if the logs are empty the app is fine". After the condition's own
 * verb, a determiner whose noun has a verb of its own opens the consequence; returns where, or
 * undefined.
 */
function inlineConsequence(tokens: readonly Token[], cue: number): number | undefined {
  const clause = tokens[cue]?.clause;
  let conditionVerb = false;
  for (let at = cue + 1; tokens[at]?.clause === clause; at++) {
    const text = tokens[at]?.text ?? "";
    if (!conditionVerb) {
      conditionVerb = beVerbs.has(text);
      continue;
    }
    if (!determiners.has(text)) continue;
    const ahead = tokens.slice(at + 1, at + 1 + inlineSubjectReach);
    if (ahead.some((token) => token.clause === clause && beVerbs.has(token.text))) return at;
  }
  return undefined;
}

function statesRule(
  tokens: readonly Token[],
  chosen: readonly Occurrence[],
  condition: number | undefined,
  cue: number,
): boolean {
  const inline = inlineConsequence(tokens, cue);
  if (inline !== undefined && chosen.some(({ start }) => start >= inline)) {
    const rest = tokens.slice(inline).filter((token) => token.clause === tokens[cue]?.clause);
    if (!rest.some((token) => modals.has(token.text))) return true;
  }
  return chosen.some(({ start }) => {
    const clause = tokens[start]?.clause;
    if (clause === undefined || condition === undefined || clause <= condition) return false;
    const consequence = tokens.filter((token) => token.clause === clause);
    if (consequence.some((token) => ruleVerbs.has(token.text))) return true;
    // The consequence opens after the condition's comma, or, spoken, with its own subject and
    // verb ("if you see 137 it's OOM").
    const opensConsequence =
      consequence[0]?.kind === "punctuation" || subjectPronouns.has(consequence[0]?.text ?? "");
    return opensConsequence && !consequence.some((token) => modals.has(token.text));
  });
}

/** "It's only an app bug if the program returns 128 itself": "only" restricted by a condition. */
const restrictors = new Set(["only", "just"]);
const restrictingConditions = new Set(["if", "when", "unless"]);
const restrictionReach = 8;

function isRestricted(tokens: readonly Token[], chosen: readonly Occurrence[]): boolean {
  const restricted = chosen.some(({ start, end }) =>
    tokens.slice(start, end).some((token) => restrictors.has(token.text)),
  );
  if (!restricted) return false;
  const last = Math.max(...chosen.map(({ end }) => end));
  for (let at = last; at < Math.min(tokens.length, last + restrictionReach); at++) {
    const token = tokens[at];
    if (token === undefined || token.kind === "punctuation") return false;
    if (restrictingConditions.has(token.text)) return true;
  }
  return false;
}

function isHypothetical(tokens: readonly Token[], chosen: readonly Occurrence[]): boolean {
  if (isRestricted(tokens, chosen)) return true;
  return chosen.some(({ start }) => {
    const clause = tokens[start]?.clause;
    for (let at = start - 1; at >= Math.max(0, start - hypotheticalReach); at--) {
      if (tokens[at]?.clause !== clause) return false;
      if (hypotheticalCues.has(tokens[at]?.text ?? "")) {
        return !statesRule(tokens, chosen, clause, at);
      }
    }
    return false;
  });
}

const denialWords = new Set(["not", "never", "no"]);

/**
 * "It isn't an OOM: an OOM kill is a SIGKILL": the code's own clause denies something, and the
 * words after it describe that thing, not the code. A claim whose number sits in a denying clause
 * and whose words all lie in later clauses does not hold.
 */
function deniedElsewhere(
  tokens: readonly Token[],
  number: Occurrence,
  others: readonly Occurrence[],
): boolean {
  const clause = tokens[number.start]?.clause;
  const denies = tokens.some(
    (token, at) => at > number.start && token.clause === clause && denialWords.has(token.text),
  );
  return (
    denies && others.length > 0 && others.every((other) => tokens[other.start]?.clause !== clause)
  );
}

function subjectNumberHolds(tokens: readonly Token[], chosen: readonly Occurrence[]): boolean {
  const offsetAfterNumber = chosen.some(
    (occurrence) =>
      occurrence.endsWithNumber && offsetAfter.has(tokens[occurrence.end]?.text ?? ""),
  );
  if (offsetAfterNumber) return false;
  const numbers = chosen.filter((occurrence) => occurrence.numeric);
  const others = chosen.filter((occurrence) => !occurrence.numeric);
  if (numbers.some((number) => isOffsetUse(tokens, number))) return false;
  if (numbers.some((number) => others.some((other) => other.start < number.start))) return false;
  if (numbers.some((number) => deniedElsewhere(tokens, number, others))) return false;
  // No other exit code between the number and the rest of the claim, in either direction.
  return chosen
    .filter((occurrence) => occurrence.endsWithNumber)
    .every((number) =>
      chosen.every((other) => {
        const [from, to] =
          other.start < number.start ? [other.end, number.start] : [number.end, other.start];
        return tokens
          .slice(from, to)
          .every((token) => token.kind !== "number" || Number(token.text) < 100);
      }),
    );
}

/** Exit codes compete for the words of a claim; smaller numbers are counts, signals, offsets. */
const lowestExitCode = 100;
/** Crossing a clause or an "and" puts a word further from a code than the words between show. */
const clauseDistance = 3;
const conjunctionDistance = 2;
const codeAfterDistance = 0.5;
const conjunctions = new Set(["and", "or", "while", "whereas", "but"]);

/** "... and 128 in a pod usually means ...": a code with its own verb after it claims forward. */
const forwardClaimVerbs = new Set(["means", "mean", "is", "indicates", "equals"]);
const forwardClaimReach = 5;

function claimsForward(tokens: readonly Token[], code: number): boolean {
  return tokens
    .slice(code + 1, code + 1 + forwardClaimReach)
    .some((token) => forwardClaimVerbs.has(token.text));
}

function distanceToCode(tokens: readonly Token[], code: number, word: Occurrence): number {
  const codeFirst = code < word.start;
  if (!codeFirst && claimsForward(tokens, code)) return Number.POSITIVE_INFINITY;
  const [from, to] = codeFirst ? [code + 1, word.start] : [word.end, code];
  const between = tokens.slice(from, to);
  // "127: not found" labels the code with what follows its colon, as closely as "127 is".
  const labelled = codeFirst && between.length === 1 && between[0]?.kind === "punctuation";
  return (
    between.filter((token) => token.kind === "word").length +
    (codeFirst ? 0 : codeAfterDistance) +
    (labelled || tokens[code]?.clause === tokens[word.start]?.clause ? 0 : clauseDistance) +
    (between.some((token) => conjunctions.has(token.text)) ? conjunctionDistance : 0)
  );
}

/**
 * Each word of a claim belongs to the exit code nearest to it: in "126 is command not found and
 * 127 is permission denied", "not found" is said of 126, so it does not tell what 127 means.
 * A match whose number (an exit code) is further from one of its words than another exit code
 * is, does not hold.
 */
function wordsBelongToNumber(tokens: readonly Token[], chosen: readonly Occurrence[]): boolean {
  const codeValue = (at: number): number | undefined => {
    const token = tokens[at];
    if (token?.kind !== "number" || Number(token.text) < lowestExitCode) return undefined;
    return Number(token.text);
  };
  const numbers = chosen.filter(
    (occurrence) => occurrence.numeric && codeValue(occurrence.start) !== undefined,
  );
  // A phrasing that relates two codes ("docker gives 127, Kubernetes 128") claims no single one.
  if (numbers.length !== 1) return true;
  const codes = tokens.flatMap((_, at) => (codeValue(at) === undefined ? [] : [at]));
  return numbers.every((number) =>
    chosen
      .filter((other) => !other.numeric)
      .every((word) => {
        const own = distanceToCode(tokens, number.start, word);
        return codes.every(
          (code) =>
            codeValue(code) === codeValue(number.start) ||
            distanceToCode(tokens, code, word) >= own,
        );
      }),
  );
}

/** Most combinations tried per phrasing and sentence, so no input can make a check slow. */
const combinationBudget = 400;

/**
 * Finds the phrasing in one sentence's tokens: one occurrence per group, all within the match
 * window, not overlapping and not negated. Returns the matched spans, or undefined.
 */
export function matchPhrasing(
  tokens: readonly Token[],
  phrasing: Phrasing,
  options: MatchOptions,
): Span[] | undefined {
  const perGroup: Occurrence[][] = [];
  for (const alternatives of phrasing.groups) {
    const found = occurrences(tokens, alternatives);
    if (found.length === 0) return undefined;
    perGroup.push(found);
  }
  let budget = combinationBudget;
  const chosen: Occurrence[] = [];
  const search = (group: number, low: number, high: number): Span[] | undefined => {
    if (group === perGroup.length) {
      budget--;
      if (options.claim && !subjectNumberHolds(tokens, chosen)) return undefined;
      if (options.claim && isHypothetical(tokens, chosen)) return undefined;
      if (!wordsBelongToNumber(tokens, chosen)) return undefined;
      return isNegated(tokens, chosen) ? undefined : [...chosen];
    }
    for (const occurrence of perGroup[group] ?? []) {
      if (budget <= 0) return undefined;
      const nextLow = Math.min(low, occurrence.start);
      const nextHigh = Math.max(high, occurrence.end);
      if (nextHigh - nextLow > matchWindow) continue;
      const overlaps = chosen.some(
        (other) => occurrence.start < other.end && other.start < occurrence.end,
      );
      if (overlaps) continue;
      chosen.push(occurrence);
      const found = search(group + 1, nextLow, nextHigh);
      chosen.pop();
      if (found) return found;
    }
    return undefined;
  };
  return search(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
}
