import { isNegated } from "./negation.ts";
import { compileAlternatives, occurrences, type Occurrence } from "./phrasing.ts";
import type { Token } from "./tokenise.ts";

/**
 * Ways of naming a signal, by signal number. An OOM kill is SIGKILL from the kernel's OOM killer
 * (Kubernetes reports 137 with reason OOMKilled), so naming OOM points at signal 9 too; but it
 * names a cause, not a signal, so "137 is OOM" is no stated pair of code and signal (it covers
 * nothing), while "143 is OOM" still pairs a code with the wrong signal.
 */
const signalNames: readonly (readonly [number, string])[] = [
  [9, "sigkill|sigkilled|kill - 9|kill 9|signal 9"],
  [15, "sigterm|kill - 15|kill 15|signal 15|term signal"],
  [2, "sigint|ctrl c|control c|signal 2|interrupt"],
  [11, "sigsegv|segfault|segfaults|segfaulted|signal 11|segmentation violation"],
  [6, "sigabrt|signal 6|abort"],
  [1, "sighup|signal 1"],
  [3, "sigquit|signal 3"],
  [13, "sigpipe|signal 13"],
  [14, "sigalrm|signal 14"],
];
const causeNames: readonly (readonly [number, string])[] = [
  [9, "oom|oomkilled|oom killed|oom killer|out of memory"],
];
const compiledNames = [
  ...signalNames.map(([signal, names]) => [signal, compileAlternatives(names), true] as const),
  ...causeNames.map(([signal, names]) => [signal, compileAlternatives(names), false] as const),
];

/**
 * Exit codes that stand for a signal death: 128 + N for the signals above. 128 itself would be
 * signal 0, which does not exist, so any signal named as the meaning of 128 is a wrong pair.
 */
const signalFreeCode = 128;
const lowestCode = 129;
const highestCode = 159;
/** A code and a signal name further apart than this (in words) are not a stated pair. */
const pairReach = 7;
/** Only names this many tokens either side of a code are weighed at all. */
const candidateReach = 24;
/** Crossing a clause boundary counts as this many extra tokens of distance. */
const clausePenalty = 3;
/** So does an "and" or "or" between them: "SIGKILL gives 137 and SIGSEGV gives 139". */
const conjunctionPenalty = 2;
const conjunctions = new Set(["and", "or", "while", "whereas"]);

/** "SIGKILL and that shows up as 137": a pronoun after the "and" refers back, joining the two. */
const referringBack = new Set(["that", "this", "it", "which"]);

function conjunctionBetween(tokens: readonly Token[], from: number, to: number): boolean {
  return tokens.slice(from, to).some((token, at) => {
    if (!conjunctions.has(token.text)) return false;
    return !referringBack.has(tokens[from + at + 1]?.text ?? "");
  });
}

/**
 * "137 means the app ignored SIGTERM", "if it doesn't handle SIGTERM": the signal a process
 * ignores or handles is not the one that killed it.
 */
const handlingVerbs = /^(?:ignor|handl|catch|caught|trap)/;

function handledSignal(tokens: readonly Token[], mention: Occurrence): boolean {
  return handlingVerbs.test(tokens[mention.start - 1]?.text ?? "");
}

/** Statements parted by a semicolon pair nothing across it. */
function semicolonBetween(
  tokens: readonly Token[],
  code: Occurrence,
  mention: Occurrence,
): boolean {
  const [from, to] =
    code.start < mention.start ? [code.end, mention.start] : [mention.end, code.start];
  return tokens.slice(from, to).some((token) => token.text === ";");
}

export interface SignalPair {
  readonly code: number;
  readonly signal: number;
  /** code === 128 + signal. */
  readonly correct: boolean;
  /** The signal is named ("SIGKILL", "kill -9"), not only its cause ("OOM"). */
  readonly named: boolean;
}

interface Mention extends Occurrence {
  readonly signal: number;
  readonly named: boolean;
}

/** Words that make 128 the base of the offset ("above 128", "128 + 9", "subtract 128"). */
const offsetBefore = new Set(["above", "over", "than", "beyond", "past", "plus", "minus"]);
const offsetBeforeReach = 2;
const offsetAfter = new Set(["+", "plus", "-", "minus", "add", "adds", "subtract"]);
const offsetAfterReach = 3;
const offsetVerbs = new Set(["subtract", "subtracting", "minus", "add", "adding"]);

function isOffsetBase(tokens: readonly Token[], at: number): boolean {
  const before = tokens.slice(Math.max(0, at - offsetBeforeReach), at);
  if (tokens[at - 1]?.text === "+" || before.some((token) => offsetVerbs.has(token.text))) {
    return true;
  }
  if (offsetBefore.has(tokens[at - 1]?.text ?? "")) return true;
  return tokens
    .slice(at + 1, at + 1 + offsetAfterReach)
    .some((token) => offsetAfter.has(token.text));
}

const plusWords = new Set(["+", "plus"]);
const highestSignal = 31;

/**
 * "128 + 9", "nine plus one twenty eight": the sum names signal 9 by its number, so
 * "137 = 128 + 9" states the pair as plainly as "137 = SIGKILL".
 */
function offsetSums(tokens: readonly Token[]): Mention[] {
  const signalAt = (at: number): number | undefined => {
    const token = tokens[at];
    const value = Number(token?.text);
    return token?.kind === "number" && value >= 1 && value <= highestSignal ? value : undefined;
  };
  const mention = (start: number, signal: number): Mention => ({
    start,
    end: start + 3,
    numeric: false,
    endsWithNumber: false,
    signal,
    named: true,
  });
  return tokens.flatMap((token, at): Mention[] => {
    if (token.text !== String(signalFreeCode)) return [];
    const after = plusWords.has(tokens[at + 1]?.text ?? "") ? signalAt(at + 2) : undefined;
    if (after !== undefined) return [mention(at, after)];
    const before = plusWords.has(tokens[at - 1]?.text ?? "") ? signalAt(at - 2) : undefined;
    return before === undefined ? [] : [mention(at - 2, before)];
  });
}

/** Words that join two names of one thing: "kill -9, SIGKILL", "SIGKILL aka kill -9". */
const appositionWords = new Set(["or", "aka", "i", "e", "ie"]);

/**
 * The mention paired with a code and the other names of the same signal set right beside it
 * ("137 is kill -9, SIGKILL"): they restate the pair, so none is left over to pair with a later
 * code ("... exactly 128 would be signal 0" does not make 128 SIGKILL).
 */
function restatements(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  paired: Mention,
): Mention[] {
  const found = [paired];
  for (let grew = true; grew;) {
    grew = false;
    for (const other of mentions) {
      if (found.includes(other) || other.signal !== paired.signal) continue;
      const beside = found.some((known) => {
        const [from, to] =
          known.start < other.start ? [known.end, other.start] : [other.end, known.start];
        return (
          from <= to &&
          tokens
            .slice(from, to)
            .every((token) => token.kind === "punctuation" || appositionWords.has(token.text))
        );
      });
      if (beside) {
        found.push(other);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * Stated pairs of exit code and signal in one sentence ("137 = SIGKILL", "SIGTERM gives 143",
 * "one thirty seven is sig kill"). Each code and each signal name pairs at most once, nearest
 * first, preferring the code before the name; negated pairs ("137 is not SIGTERM") are left out.
 */
export function findSignalPairs(tokens: readonly Token[]): SignalPair[] {
  const codes = tokens.flatMap((token, at): Occurrence[] => {
    const value = Number(token.text);
    const inRange =
      (value >= lowestCode && value <= highestCode) ||
      (value === signalFreeCode && !isOffsetBase(tokens, at));
    const isCode = token.kind === "number" && inRange && tokens[at - 1]?.text !== "signal";
    return isCode ? [{ start: at, end: at + 1, numeric: true, endsWithNumber: true }] : [];
  });
  const mentions: Mention[] = [
    ...compiledNames.flatMap(([signal, names, named]) =>
      occurrences(tokens, names).map((occurrence) => ({ ...occurrence, signal, named })),
    ),
    ...offsetSums(tokens),
  ];
  const candidates = codes.flatMap((code) =>
    mentions
      .filter((mention) => Math.abs(mention.start - code.start) <= candidateReach)
      .filter((mention) => !semicolonBetween(tokens, code, mention))
      .filter((mention) => !handledSignal(tokens, mention))
      .map((mention) => {
        const codeFirst = code.start < mention.start;
        const [from, to] = codeFirst ? [code.end, mention.start] : [mention.end, code.start];
        // Only words count: "137 = 128 + 9, SIGKILL" states the pair as closely as "137 is SIGKILL".
        const wordsBetween = tokens.slice(from, to).filter((token) => token.kind === "word").length;
        const gap = wordsBetween + (codeFirst ? 0 : 0.5);
        const crossesClause = tokens[code.start]?.clause !== tokens[mention.start]?.clause;
        const distance =
          gap +
          (crossesClause ? clausePenalty : 0) +
          (conjunctionBetween(tokens, from, to) ? conjunctionPenalty : 0);
        return { code, mention, distance };
      }),
  );
  // Named signals pair first: in "the OOM killer gives 137, which is SIGKILL" 137 pairs with SIGKILL.
  candidates.sort(
    (a, b) => Number(b.mention.named) - Number(a.mention.named) || a.distance - b.distance,
  );
  const usedCodes = new Set<Occurrence>();
  const usedMentions = new Set<Occurrence>();
  const pairs: SignalPair[] = [];
  for (const { code, mention, distance } of candidates) {
    if (distance > pairReach || usedCodes.has(code) || usedMentions.has(mention)) continue;
    usedCodes.add(code);
    for (const other of restatements(tokens, mentions, mention)) usedMentions.add(other);
    const later = code.start > mention.start ? code : mention;
    if (isNegated(tokens, [later])) continue;
    const value = Number(tokens[code.start]?.text);
    // "128 means OOM" is its own misconception, not a claim about which signal 128 is.
    if (value === signalFreeCode && !mention.named) continue;
    pairs.push({
      code: value,
      signal: mention.signal,
      correct: value === signalFreeCode + mention.signal,
      named: mention.named,
    });
  }
  return pairs;
}
