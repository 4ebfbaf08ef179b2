import type { Token } from "./tokenise.ts";

const believers = new Set([
  "people",
  "some",
  "many",
  "folks",
  "others",
  "they",
  "juniors",
  "everyone",
]);
const beliefVerbs = new Set(["think", "assume", "believe", "claim", "say", "confuse", "mistake"]);
const rejections = new Set([
  "wrong",
  "myth",
  "misconception",
  "mistake",
  "mistaken",
  "incorrect",
  "untrue",
  "misread",
  "misinterpreted",
  "confused",
]);

/**
 * "nothing went wrong", "something is wrong", "the wrong permissions": "wrong" describes a failure
 * or qualifies a noun, and rejects no belief ("that's wrong" does).
 */
const failureWords = new Set([
  "went",
  "goes",
  "go",
  "gone",
  "going",
  "nothing",
  "something",
  "anything",
  "everything",
  "what",
]);
const failureReach = 2;

function describesFailure(tokens: readonly Token[], at: number): boolean {
  if (tokens[at]?.text !== "wrong") return false;
  if (tokens[at + 1]?.kind === "word" && tokens[at - 1]?.text === "the") return true;
  return tokens
    .slice(Math.max(0, at - failureReach), at)
    .some((token) => failureWords.has(token.text));
}

/**
 * Whether a sentence reports a belief in order to reject it: "people often think 128 means OOM,
 * but that's wrong", "a common mistake is to assume 128 is a signal". A misconception quoted to
 * be rejected is not stated by the learner.
 */
export function reportsRejectedBelief(tokens: readonly Token[]): boolean {
  return tokens.some((token, at) => {
    if (rejections.has(token.text)) return !describesFailure(tokens, at);
    if (!beliefVerbs.has(token.text)) return false;
    const before = tokens.slice(Math.max(0, at - 3), at);
    return before.some((other) => believers.has(other.text));
  });
}
