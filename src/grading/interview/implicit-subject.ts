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
/** Only exit codes are subjects: "it is the 2nd node" is about something else. */
const lowestExitCodeSubject = 100;

/**
 * The exit code a sentence without a number talks about, when it opens with "it" or "this"
 * ("It just means the pod was killed", "uh it's when the container gets killed"): the code the
 * previous sentences were about, or the code the question asks about. Interview answers name the
 * code once and then say "it"; a misconception stated that way is still stated.
 * Returns the tokens with that code made explicit in front of the pronoun, or the tokens as they
 * are.
 */
export function withImplicitSubject(
  tokens: readonly Token[],
  subject: string | undefined,
): readonly Token[] {
  if (subject === undefined || tokens.some((token) => token.kind === "number")) return tokens;
  let at = 0;
  while (at < tokens.length && fillers.has(tokens[at]?.text ?? "")) at++;
  const pronoun = tokens[at];
  if (pronoun === undefined || !pronouns.has(pronoun.text)) return tokens;
  let verb = at + 1;
  while (hedges.has(tokens[verb]?.text ?? "")) verb++;
  if (!linkingVerbs.has(tokens[verb]?.text ?? "")) return tokens;
  const code: Token = { text: subject, kind: "number", clause: pronoun.clause };
  return [...tokens.slice(0, at), code, ...tokens.slice(at + 1)];
}

/** The last exit code (a number from 100 up) a sentence names, to carry to the next sentence. */
export function lastExitCode(tokens: readonly Token[]): string | undefined {
  for (let at = tokens.length - 1; at >= 0; at--) {
    const token = tokens[at];
    if (token?.kind === "number" && Number(token.text) >= lowestExitCodeSubject) return token.text;
  }
  return undefined;
}
