import type { InterviewQuestion } from "../../schemas/interview.ts";
import { findUnboundedExitValue, findWrongExitRange } from "./exit-range.ts";
import { lastExitCode, withImplicitSubject } from "./implicit-subject.ts";
import { isKeywordList } from "./keyword-list.ts";
import { attributeKillsToMemory } from "./oom-kill.ts";
import type { Span } from "./negation.ts";
import { compilePhrasing, matchPhrasing, type Phrasing } from "./phrasing.ts";
import { isQuestionedStatement, questionClauses } from "./question-clause.ts";
import { reassignedClaims } from "./reassigned-claim.ts";
import { reportsRejectedBelief } from "./reported-belief.ts";
import { segmentAnswer, type AnswerUnit } from "./segment-answer.ts";
import { standingPart } from "./self-correction.ts";
import { findSignalPairs } from "./signal-pairs.ts";
import { tokenise, type Token } from "./tokenise.ts";

/** Longest answer checked; a spoken two-minute answer is about 300 words (under 2,000 chars). */
export const maxAnswerLength = 20_000;

/** Where in the answer a key point was covered or a misconception stated. */
export interface Hit {
  readonly id: string;
  readonly kind: "key-point" | "misconception";
  /** Index into CheckResult.units. */
  readonly unit: number;
}

export interface CheckResult {
  /** Key point ids covered, in the question's order. */
  readonly covered: string[];
  readonly missed: string[];
  /** Misconception ids stated, in the question's order. */
  readonly misconceptions: string[];
  /** 0-100: weighted coverage minus misconception penalties. */
  readonly score: number;
  /** The first sentence that covers each key point or states each misconception, by id. */
  readonly evidence: Record<string, string>;
  /** The answer's sentences with their offsets, for highlighting. */
  readonly units: AnswerUnit[];
  /** Every sentence that covers a key point or states a misconception. */
  readonly hits: Hit[];
}

interface CompiledQuestion {
  /** The one exit code the prompt asks about ("what exit code 128 means"), if it names one. */
  readonly askedCode: string | undefined;
  readonly keyPoints: readonly { readonly id: string; readonly says: readonly Phrasing[] }[];
  readonly misconceptions: readonly {
    readonly id: string;
    readonly says: readonly Phrasing[];
    readonly contradicts: string | undefined;
    readonly overrides: readonly string[];
    readonly unlessSaid: readonly Phrasing[];
  }[];
}

const compiledQuestions = new WeakMap<InterviewQuestion, CompiledQuestion>();

function compiled(question: InterviewQuestion): CompiledQuestion {
  let result = compiledQuestions.get(question);
  if (!result) {
    const codes = new Set(
      tokenise(question.prompt).flatMap((token) => lastExitCode([token]) ?? []),
    );
    result = {
      askedCode: codes.size === 1 ? [...codes][0] : undefined,
      keyPoints: question.keyPoints.map((point) => ({
        id: point.id,
        says: point.says.map(compilePhrasing),
      })),
      misconceptions: question.misconceptions.map((item) => ({
        id: item.id,
        says: item.says.map(compilePhrasing),
        contradicts: item.contradicts,
        overrides: item.overrides,
        unlessSaid: item.unlessSaid.map(compilePhrasing),
      })),
    };
    compiledQuestions.set(question, result);
  }
  return result;
}

/** A sentence this short (in words) may finish the claim of the one before: "More replicas. Problem solved." */
const followOnWords = 24;

/**
 * The tokens of the sentence before followed by this one, when this one is short enough to
 * finish a claim the other began ("Restart the pod a few times. If it works, the node was the
 * problem."); joint is where this sentence's tokens start.
 */
function continuedClaim(
  before: readonly Token[],
  current: readonly Token[],
): { readonly tokens: readonly Token[]; readonly joint: number } | undefined {
  const words = current.filter((token) => token.kind !== "punctuation").length;
  if (before.length === 0 || words === 0 || words > followOnWords) return undefined;
  const offset = Math.max(0, ...before.map((token) => token.clause)) + 1;
  const boundary: Token = { text: ",", kind: "punctuation", clause: offset };
  const shifted = current.map((token) => ({ ...token, clause: token.clause + offset + 1 }));
  return { tokens: [...before, boundary, ...shifted], joint: before.length + 1 };
}

/** "git credentials?", "node monitoring?": a term asked about, alone, is no step to take. */
const bareQuestionWords = 3;

function isBareQuestion(text: string): boolean {
  return text.endsWith("?") && text.split(/\s+/).length <= bareQuestionWords;
}

/** How many sentences back a key point still frames a claim made across two sentences. */
const truthReach = 2;

/**
 * A match that takes words from both sentences (one inside either is found there already) and
 * reads in order: the groups begun in the sentence before are finished in this one ("More
 * replicas. Problem solved."), never the other way round ("Prevention means removing causes. A
 * restart policy just restarts the container."). Spans come in the phrasing's group order. A
 * sentence that names an exit code makes its own claim about it, so no number is taken from the
 * sentence before ("128 isn't the app. Signal deaths show up as 128 + N.").
 */
function spansBoth(
  spans: readonly Span[] | undefined,
  joined: { readonly tokens: readonly Token[]; readonly joint: number },
  namesCode: boolean,
): boolean {
  if (spans === undefined) return false;
  const inCurrent = spans.map((span) => span.start >= joined.joint);
  if (!inCurrent.includes(true) || !inCurrent.includes(false)) return false;
  if (inCurrent.some((current, at) => !current && inCurrent[at - 1] === true)) return false;
  return !(
    namesCode &&
    spans.some((span, at) => !inCurrent[at] && joined.tokens[span.start]?.kind === "number")
  );
}

/**
 * Checks an answer against a question's key points and misconceptions. Pure and deterministic:
 * the same question and answer always give the same result, in Node and in the browser.
 * Throws a RangeError for an answer longer than maxAnswerLength.
 */
export function checkAnswer(question: InterviewQuestion, answer: string): CheckResult {
  if (answer.length > maxAnswerLength) {
    throw new RangeError(
      `The answer is ${answer.length} characters long; answers up to ${maxAnswerLength} characters are checked.`,
    );
  }
  const { askedCode, keyPoints, misconceptions } = compiled(question);
  const { signalPairs, exitRange } = question.factChecks;
  const units = segmentAnswer(answer);
  const hits: Hit[] = [];
  const hit = (id: string, kind: Hit["kind"], unit: number): void => {
    if (!hits.some((other) => other.id === id && other.unit === unit)) {
      hits.push({ id, kind, unit });
    }
  };
  /** Key points a sentence seemed to cover with words that rest on a wrong claim it states. */
  const dropHits = (ids: readonly string[], unit: number): void => {
    for (let at = hits.length - 1; at >= 0; at--) {
      const other = hits[at];
      if (other?.unit === unit && ids.includes(other.id)) hits.splice(at, 1);
    }
  };

  // The code the answer is talking about when a sentence just says "it".
  let subject = askedCode;
  // The claim of the sentence before, which a short follow-on sentence may complete.
  let previousClaim: readonly Token[] = [];
  units.forEach((unit, index) => {
    const tokens = tokenise(unit.text);
    // Questions the candidate asks aloud state nothing; what they take back no longer stands.
    const asked = questionClauses(tokens, unit.text.endsWith("?"));
    const questioned =
      isQuestionedStatement(unit.text, units[index + 1]?.text) || isBareQuestion(unit.text);
    const stated = questioned ? [] : tokens.filter((token) => !asked.has(token.clause));
    const standing = standingPart(stated);
    const claimTokens = attributeKillsToMemory(withImplicitSubject(standing, subject));
    subject = lastExitCode(tokens) ?? subject;
    const claimBefore = previousClaim;
    previousClaim = [];
    if (isKeywordList(tokens)) return;
    const reassigned = reassignedClaims(stated);
    for (const point of keyPoints) {
      const says = (phrasing: Phrasing): boolean =>
        [stated, ...reassigned].some(
          (claim) => matchPhrasing(claim, phrasing, { claim: false }) !== undefined,
        );
      if (point.says.some(says)) hit(point.id, "key-point", index);
    }
    const rejected = reportsRejectedBelief(tokens);
    if (!rejected) previousClaim = claimTokens;
    if (signalPairs) {
      // A wrong pair ("137 means SIGTERM") is a misconception, never coverage.
      for (const pair of findSignalPairs(claimTokens)) {
        // "137 is the OOM kill" is true but names no signal, so it covers no pair.
        if (pair.correct && !pair.named) continue;
        const aboutCode = signalPairs.byCode?.find((entry) => entry.code === pair.code);
        const id = pair.correct
          ? (aboutCode?.keyPoint ?? signalPairs.keyPoint)
          : signalPairs.misconception;
        if (id !== undefined && (pair.correct || !rejected)) {
          hit(id, pair.correct ? "key-point" : "misconception", index);
        }
      }
    }
    const acrossSentences = continuedClaim(claimBefore, claimTokens);
    const namesCode = lastExitCode(tokens) !== undefined;
    for (const item of rejected ? [] : misconceptions) {
      // "Cordon the suspect node. Delete the pod. If it runs elsewhere, the node is at fault.":
      // the truth stated just before still frames a claim made across sentences.
      const framedFrom = acrossSentences === undefined ? index : index - truthReach;
      const coversTruth = hits.some(
        (other) => other.unit >= framedFrom && other.unit <= index && other.id === item.contradicts,
      );
      if (coversTruth) continue;
      const says = (phrasing: Phrasing): boolean =>
        matchPhrasing(claimTokens, phrasing, { claim: true }) !== undefined ||
        (acrossSentences !== undefined &&
          spansBoth(
            matchPhrasing(acrossSentences.tokens, phrasing, { claim: true }),
            acrossSentences,
            namesCode,
          ));
      if (!item.says.some(says)) continue;
      const qualified = (phrasing: Phrasing): boolean =>
        matchPhrasing(stated, phrasing, { claim: false }) !== undefined;
      if (item.unlessSaid.some(qualified)) continue;
      hit(item.id, "misconception", index);
      dropHits(item.overrides, index);
    }
    const unbounded = exitRange && !rejected ? findUnboundedExitValue(standing) : undefined;
    if (exitRange && !rejected && findWrongExitRange(standing) !== undefined) {
      hit(exitRange.misconception, "misconception", index);
      // "Codes go up to 65535 and get truncated": the wrapping it states rests on a wrong range.
      dropHits(exitRange.overrides, index);
    } else if (exitRange && unbounded !== undefined) {
      hit(exitRange.misconception, "misconception", index);
      if (unbounded.range) dropHits(exitRange.overrides, index);
    }
  });

  const found = (id: string): boolean => hits.some((other) => other.id === id);
  const covered = question.keyPoints.filter((point) => found(point.id));
  const stated = question.misconceptions.filter((item) => found(item.id));
  const totalWeight = question.keyPoints.reduce((sum, point) => sum + point.weight, 0);
  const coveredWeight = covered.reduce((sum, point) => sum + point.weight, 0);
  const penalty = stated.reduce((sum, item) => sum + item.penalty, 0);
  const score = Math.max(
    0,
    Math.min(100, Math.round((100 * coveredWeight) / totalWeight - penalty)),
  );
  const evidence: Record<string, string> = {};
  for (const { id, unit } of hits) evidence[id] ??= units[unit]?.text ?? "";

  return {
    covered: covered.map((point) => point.id),
    missed: question.keyPoints.filter((point) => !found(point.id)).map((point) => point.id),
    misconceptions: stated.map((item) => item.id),
    score,
    evidence,
    units,
    hits,
  };
}
