import type { Token } from "./tokenise.ts";

/** Fillers a spoken or casual sentence starts with before its subject ("uh", "I think"). */
const fillers = new Set([
  "uh",
  "um",
  "so",
  "well",
  "yeah",
  "ok",
  "okay",
  "basically",
  "honestly",
  "i",
  "think",
  "believe",
  "guess",
  "would",
  "say",
  "like",
]);
const pronouns = new Set(["it", "this", "that"]);
const hedges = new Set(["just", "basically", "usually", "typically", "probably", "generally"]);
const linkingVerbs = new Set(["means", "is", "indicates", "happens", "shows", "tells"]);
/** "that code means", "this number tells you": the pronoun with the noun it stands for. */
const codeNouns = new Set(["code", "number", "status"]);
/** A reason opens a clause of its own: "..., because that code means the file lacks +x". */
const reasonOpeners = new Set(["since", "because"]);
/** Only exit codes are subjects: "it is the 2nd node" is about something else. */
const lowestExitCodeSubject = 100;

/**
 * An exit code in the clause may be what the pronoun stands for, unless it is the base of a sum:
 * in "143 is the friendly one: it's 128 plus 15" the "it" is still 143.
 */
function namesOwnSubject(tokens: readonly Token[], at: number): boolean {
  const token = tokens[at];
  if (token?.kind !== "number") return false;
  const sum = ["+", "plus"];
  if (Number(token.text) < lowestExitCodeSubject) return !sum.includes(tokens[at - 1]?.text ?? "");
  return !sum.includes(tokens[at + 1]?.text ?? "");
}

/** Where a clause opening with "it is" / "this means" has its pronoun, or undefined. */
function pronounSubjectAt(tokens: readonly Token[], from: number): number | undefined {
  let at = from;
  while (
    at < tokens.length &&
    (tokens[at]?.kind === "punctuation" ||
      fillers.has(tokens[at]?.text ?? "") ||
      reasonOpeners.has(tokens[at]?.text ?? ""))
  ) {
    at++;
  }
  if (!pronouns.has(tokens[at]?.text ?? "")) return undefined;
  let verb = at + 1;
  if (tokens[at]?.text !== "it" && codeNouns.has(tokens[verb]?.text ?? "")) verb++;
  while (hedges.has(tokens[verb]?.text ?? "")) verb++;
  return linkingVerbs.has(tokens[verb]?.text ?? "") ? at : undefined;
}

/**
 * The exit code a sentence or clause without a number talks about, when it opens with "it" or
 * "this" ("It just means the pod was killed", "uh it's when the container gets killed", "137 is
 * not always OOM; it is SIGKILL"): the code named earlier in the sentence, in the previous
 * sentences, or in the question. Interview answers name the code once and then say "it"; a claim
 * stated that way is still stated.
 * Returns the tokens with that code made explicit in place of the pronoun, or the tokens as they
 * are.
 */
export function withImplicitSubject(
  tokens: readonly Token[],
  subject: string | undefined,
): readonly Token[] {
  const result: Token[] = [];
  let current = subject;
  let namedInSentence = false;
  let clauseStart = 0;
  while (clauseStart < tokens.length) {
    const clause = tokens[clauseStart]?.clause;
    let clauseEnd = clauseStart;
    while (clauseEnd < tokens.length && tokens[clauseEnd]?.clause === clause) clauseEnd++;
    const clauseTokens = tokens.slice(clauseStart, clauseEnd);
    const named = lastExitCode(clauseTokens);
    // Only a sentence or a clause after punctuation: "if it is", "when it is" are not claims.
    const standsAlone =
      clauseTokens[0]?.kind === "punctuation" ||
      reasonOpeners.has(clauseTokens[0]?.text ?? "") ||
      tokens.slice(0, clauseStart).every((token) => fillers.has(token.text));
    const pronoun =
      !standsAlone || clauseTokens.some((_, at) => namesOwnSubject(tokens, clauseStart + at))
        ? undefined
        : pronounSubjectAt(clauseTokens, 0);
    // "Not OOM (that's SIGKILL, 137)": after a clause that named no code, "that" points back
    // to what that clause said, not to the code of an earlier sentence.
    const pointsBack =
      pronoun !== undefined &&
      clauseTokens[pronoun]?.text !== "it" &&
      !codeNouns.has(clauseTokens[pronoun + 1]?.text ?? "") &&
      !namedInSentence &&
      tokens
        .slice(0, clauseStart)
        .some((token) => token.kind === "word" && !fillers.has(token.text));
    if (current !== undefined && pronoun !== undefined && !pointsBack) {
      const code: Token = { text: current, kind: "number", clause: clause ?? 0 };
      result.push(...clauseTokens.slice(0, pronoun), code, ...clauseTokens.slice(pronoun + 1));
    } else {
      result.push(...clauseTokens);
    }
    current = named ?? current;
    namedInSentence ||= named !== undefined;
    clauseStart = clauseEnd;
  }
  return result;
}

/** The last exit code (a number from 100 up) a sentence names, to carry to the next sentence. */
export function lastExitCode(tokens: readonly Token[]): string | undefined {
  for (let at = tokens.length - 1; at >= 0; at--) {
    const token = tokens[at];
    if (token?.kind === "number" && Number(token.text) >= lowestExitCodeSubject) return token.text;
  }
  return undefined;
}
