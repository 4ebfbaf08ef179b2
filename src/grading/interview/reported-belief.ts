import type { Token } from "./tokenise.ts";

const believers = new Set([
  "people",
  "some",
  "many",
  "folks",
  "others",
  "they",
  "junior",
  "juniors",
  "everyone",
  "someone",
  "somebody",
  "colleague",
  "colleagues",
  "teammate",
  "coworker",
  "team",
  "interviewer",
  "interviewers",
  "posts",
  "runbook",
  "wiki",
  "blog",
  "blogs",
  "article",
  "articles",
  "tutorial",
  "tutorials",
]);
const beliefVerbs = new Set([
  "think",
  "thinks",
  "thought",
  "assume",
  "assumes",
  "assumed",
  "believe",
  "believes",
  "believed",
  "claim",
  "claims",
  "claimed",
  "say",
  "says",
  "said",
  "told",
  "insists",
  "insisted",
  "argue",
  "argues",
  "argued",
  "expect",
  "expects",
  "confuse",
  "mistake",
  "mix",
  "swap",
  "swapped",
  "heard",
  "suggest",
  "suggests",
  "suggested",
]);
/** "people mix them up and say ...": the believers come a few words before the verb. */
const believerReach = 5;
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
  "misreading",
  "backwards",
  "swapped",
  "tempting",
  "disagree",
  "false",
]);
/** "that's not right", "which isn't true": a denied judgement of truth rejects what was said. */
const truthWords = new Set(["right", "true", "correct", "accurate"]);

function deniesTruth(tokens: readonly Token[], at: number): boolean {
  return truthWords.has(tokens[at]?.text ?? "") && tokens[at - 1]?.text === "not";
}

/**
 * Beliefs the speaker held and gave up, or only heard: "I thought 128 meant OOM", "I used to
 * believe", "what I'd have said a year ago", "I've heard '137 is SIGTERM' in interviews". Each
 * is a word sequence after "i".
 */
const abandonedBeliefs: readonly (readonly string[])[] = [
  ["thought"],
  ["believed"],
  ["assumed"],
  ["used", "to"],
  ["would", "have", "said"],
  ["would", "have", "thought"],
  ["once", "thought"],
  ["have", "heard"],
  ["heard"],
];

/** "it's the other way round": what was just reported is reversed. */
function reverses(tokens: readonly Token[], at: number): boolean {
  return (
    tokens[at]?.text === "other" &&
    tokens[at + 1]?.text === "way" &&
    ["round", "around"].includes(tokens[at + 2]?.text ?? "")
  );
}

/** Adverbs that may sit inside such a sequence: "I've also heard", "I have often thought". */
const beliefAdverbs = new Set(["also", "often", "sometimes", "even", "always", "honestly"]);

/**
 * "You might think 128 means OOM": a belief the listener could form, put up to be knocked down.
 * "you should assume" or "you can say" give advice instead, so only these modals count.
 */
const speculativeModals = new Set(["might", "may", "would", "could"]);
const speculativeVerbs = new Set(["think", "assume", "expect", "guess"]);

function speculatesForListener(tokens: readonly Token[], at: number): boolean {
  return (
    tokens[at]?.text === "you" &&
    speculativeModals.has(tokens[at + 1]?.text ?? "") &&
    speculativeVerbs.has(tokens[at + 2]?.text ?? "")
  );
}

/** "people read it as 'my app crashed'": reading something as a meaning is a belief. */
function readsAs(tokens: readonly Token[], at: number): boolean {
  return (
    tokens[at]?.text === "read" &&
    tokens[at + 2]?.text === "as" &&
    (["it", "this", "that", "them"].includes(tokens[at + 1]?.text ?? "") ||
      tokens[at + 1]?.kind === "number")
  );
}

/** "I doubt it" rejects what was just said; "no doubt" affirms it. */
function doubts(tokens: readonly Token[], at: number): boolean {
  return tokens[at]?.text === "doubt" && !["no", "without"].includes(tokens[at - 1]?.text ?? "");
}

function abandonsBelief(tokens: readonly Token[], at: number): boolean {
  if (tokens[at]?.text !== "i") return false;
  const following = tokens
    .slice(at + 1, at + 8)
    .filter((token) => !beliefAdverbs.has(token.text))
    .map((token) => token.text);
  return abandonedBeliefs.some((sequence) =>
    sequence.every((text, offset) => following[offset] === text),
  );
}

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
 * be rejected is not stated by the learner, nor is one reported from a colleague ("a colleague
 * told me 128 means killed by a signal") or one the learner held and gave up ("I thought 128
 * meant OOM").
 */
export function reportsRejectedBelief(tokens: readonly Token[]): boolean {
  return tokens.some((token, at) => {
    if (rejections.has(token.text)) return !describesFailure(tokens, at);
    if (deniesTruth(tokens, at) || abandonsBelief(tokens, at) || reverses(tokens, at)) return true;
    if (speculatesForListener(tokens, at) || doubts(tokens, at)) return true;
    if (!beliefVerbs.has(token.text) && !readsAs(tokens, at)) return false;
    const before = tokens.slice(Math.max(0, at - believerReach), at);
    return before.some((other) => believers.has(other.text));
  });
}
