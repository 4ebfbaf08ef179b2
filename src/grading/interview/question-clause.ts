import type { Token } from "./tokenise.ts";

/** Words a spoken or typed question may open with before its verb ("so would it be OOM"). */
const openers = new Set([
  "so",
  "and",
  "but",
  "or",
  "well",
  "um",
  "uh",
  "ok",
  "okay",
  "also",
  "like",
  "hmm",
]);
const auxiliaries = new Set([
  "is",
  "are",
  "was",
  "were",
  "would",
  "could",
  "does",
  "do",
  "did",
  "can",
  "should",
  "will",
  "might",
  "may",
  "has",
  "have",
  "had",
]);
/**
 * What follows the verb of a question: its subject ("is it", "could the app", "would 128").
 * "would check dmesg" or "do not restart" open a terse statement or an order, not a question.
 */
const subjectStarts = new Set([
  "it",
  "that",
  "this",
  "they",
  "we",
  "you",
  "i",
  "there",
  "he",
  "she",
  "the",
  "a",
  "an",
  "my",
  "our",
  "your",
  "its",
  "their",
  "exit",
  "code",
  "codes",
]);
/** Not "which" or "that": "..., which is SIGKILL" is a relative clause stating a fact. */
/**
 * These open no statement or order in English, so with any word but "not" after them they ask:
 * "does empty logs mean it's fine", "is exit 128 a signal".
 */
const askingVerbs = new Set(["is", "are", "was", "were", "does", "did"]);
const questionWords = new Set(["what", "why", "how", "where", "when", "who"]);

/**
 * "127, I'm fairly certain, is a permissions problem", "so exit code 128, in my experience, is
 * the memory one": an exit code, then an aside between commas, then the code's verb; that "is"
 * asks nothing.
 */
function resumesSubject(tokens: readonly Token[], verb: number): boolean {
  if (tokens[verb - 1]?.kind !== "punctuation") return false;
  const aside = tokens[verb - 2]?.clause;
  let at = verb - 2;
  while (at > 0 && tokens[at]?.clause === aside && tokens[at]?.kind !== "punctuation") at--;
  const code = tokens[at - 1];
  return (
    at > 0 &&
    tokens[at]?.kind === "punctuation" &&
    code?.kind === "number" &&
    Number(code.text) >= 100
  );
}

/**
 * Where a question opening at this clause start has its subject, or undefined. The subject may
 * open a clause of its own: in "does 128 mean", 128 before "mean" starts a new claim.
 */
function questionSubjectAt(tokens: readonly Token[], clauseStart: number): number | undefined {
  let at = clauseStart;
  const clause = tokens[clauseStart]?.clause;
  while (
    tokens[at]?.clause === clause &&
    (tokens[at]?.kind === "punctuation" || openers.has(tokens[at]?.text ?? ""))
  ) {
    at++;
  }
  const first = tokens[at];
  const second = tokens[at + 1];
  if (
    first === undefined ||
    first.clause !== clause ||
    (second?.kind !== "word" && second?.kind !== "number")
  ) {
    return undefined;
  }
  if (questionWords.has(first.text)) return auxiliaries.has(second.text) ? at + 1 : undefined;
  const asks =
    (askingVerbs.has(first.text) && second.text !== "not") ||
    (auxiliaries.has(first.text) &&
      (second.kind === "number" ||
        subjectStarts.has(second.text) ||
        // A gerund subject: "would restarting the pod prove it".
        second.text.endsWith("ing")));
  return asks && !resumesSubject(tokens, at) ? at + 1 : undefined;
}

/**
 * The clauses of a sentence that ask rather than state: one that opens with its verb ("Is the
 * exit range 0 to 127?", "could it just be a bug in our app", "so would one twenty eight mean a
 * signal killed it") or with a question word and a verb ("what does 128 mean"). A question
 * mark alone does not make one: in notes, "get pods -o wide: same node every time?" is a step
 * to take. A candidate thinking aloud asks the questions they then answer; asking a belief does not assert it, and asking
 * about a step does not say one would take it.
 */
export function questionClauses(
  tokens: readonly Token[],
  endsWithQuestionMark = false,
): Set<number> {
  const asked = new Set<number>();
  // A clause resumed after an aside ("137 (SIGKILL) and 143 are ...") does not start again.
  const started = new Set<number>();
  tokens.forEach((token, at) => {
    if (started.has(token.clause)) return;
    started.add(token.clause);
    const subject = questionSubjectAt(tokens, at);
    if (subject === undefined) return;
    asked.add(token.clause);
    asked.add(tokens[subject]?.clause ?? token.clause);
    if (!endsWithQuestionMark) return;
    // Typed, the question runs on to its question mark over clauses that words opened: "Is it
    // 128 plus the signal number?" asks about "plus the signal number" too.
    for (const later of tokens.slice(subject)) {
      if (later.kind === "punctuation") break;
      asked.add(later.clause);
    }
  });
  return asked;
}

/** Longer sentences ending in "?" carry statements before their question ("..., is it OOM?"). */
const questionedWords = 12;
const denialOpening = /^\W*(?:no|nope|nah|not|never|wrong)\b/i;
const hedge = /\b(?:maybe|perhaps|not sure)\b/i;
/** "Git exits 128 on fatal errors? I'm not sure.": the next sentence owns to not knowing. */
const unsureOpening =
  /^\W*(?:i'?m not sure|i am not sure|not sure|i (?:can'?t|cannot|don'?t) (?:remember|recall)|i don'?t know)\b/i;

/**
 * A statement asked with a question mark, which a question mark alone does not make: one the
 * next sentence answers with a denial ("So 128 means OOM? No, 137 does.") or with not knowing
 * ("I'm not sure."), or one hedged as a guess ("I'm not sure, maybe it's out of memory?"). Such a sentence asserts nothing.
 */
export function isQuestionedStatement(text: string, nextText: string | undefined): boolean {
  if (!text.trimEnd().endsWith("?") || text.split(/\s+/).length > questionedWords) return false;
  const next = nextText ?? "";
  return denialOpening.test(next) || unsureOpening.test(next) || hedge.test(text);
}
