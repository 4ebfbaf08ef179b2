import type { Token } from "./tokenise.ts";

/** How far before a claim a negation cue still applies ("I would not look at dmesg"). */
const negationReach = 5;

/**
 * "rarely" and "seldom" deny a general claim as firmly as "not": "128 is rarely an app bug".
 * "skip", "ignore" and "forget" reject a step as firmly: "I'd ignore the kernel log for now".
 */
const singleCues = new Set([
  "skip",
  "skipping",
  "ignore",
  "ignoring",
  "not",
  "no",
  "never",
  "neither",
  "nor",
  "without",
  "rarely",
  "seldom",
  "hardly",
  "forget",
]);
/** Two-word cues, keyed by their second word: "rather than X", "instead of X". */
const pairedCues: Readonly<Record<string, string>> = { than: "rather", of: "instead" };

/** Cues that a preceding denial cancels: "never restart it without draining" means drain. */
const cancellableCues = new Set(["without", "skip", "skipping", "ignore", "ignoring", "forget"]);

/**
 * Judgements after a step that dismiss it: "moving the pod to another node is pointless",
 * "journalctl is useless here", "checking the kubelet logs won't be necessary".
 */
const dismissals = new Set([
  "pointless",
  "useless",
  "unnecessary",
  "overkill",
  "irrelevant",
  "worthless",
  "waste",
]);
const dismissalReach = 6;

/**
 * "... won't be necessary", "... is not worth it", "... wouldn't change anything": a denied use
 * after the step.
 */
const uses = new Set([
  "necessary",
  "needed",
  "required",
  "worth",
  "useful",
  "helpful",
  "help",
  "change",
  "matter",
]);

function isDismissed(tokens: readonly Token[], after: number): boolean {
  const clause = tokens[after - 1]?.clause;
  for (let at = after; at < Math.min(tokens.length, after + dismissalReach); at++) {
    if (tokens[at]?.clause !== clause) return false;
    const text = tokens[at]?.text ?? "";
    if (dismissals.has(text)) return true;
    if (
      text === "not" &&
      uses.has(tokens[at + (tokens[at + 1]?.text === "be" ? 2 : 1)]?.text ?? "")
    ) {
      return true;
    }
  }
  return false;
}
const denials = new Set(["not", "never", "no"]);
const cancelReach = 4;

function isCancelled(tokens: readonly Token[], at: number): boolean {
  const clause = tokens[at]?.clause;
  for (let back = at - 1; back >= Math.max(0, at - cancelReach); back--) {
    if (tokens[back]?.clause !== clause) return false;
    if (denials.has(tokens[back]?.text ?? "")) return true;
  }
  return false;
}

/**
 * "If that's not enough, journalctl for containerd": the denial is of the adjective it governs
 * (what was done so far does not suffice), not of the step that follows.
 */
const adequacy = new Set(["enough", "sufficient", "conclusive", "clear", "obvious"]);

function isCue(tokens: readonly Token[], at: number): boolean {
  const text = tokens[at]?.text ?? "";
  // A command-line flag ("--ignore-daemonsets") rejects nothing.
  if (text.startsWith("ignor") && tokens[at - 1]?.text === "-") return false;
  if (text === "not" && adequacy.has(tokens[at + 1]?.text ?? "")) return false;
  if (cancellableCues.has(text) && isCancelled(tokens, at)) return false;
  if (singleCues.has(text)) return true;
  const first = pairedCues[text];
  return first !== undefined && tokens[at - 1]?.text === first;
}

/**
 * "Don't uncordon until the node is healthy": a denial followed by "until" or "before" in the
 * same clause postpones the step instead of rejecting it.
 */
const deferrals = new Set(["until", "till", "before"]);
const deferralReach = 4;

function isDeferred(tokens: readonly Token[], after: number): boolean {
  const clause = tokens[after - 1]?.clause;
  for (let at = after; at < Math.min(tokens.length, after + deferralReach); at++) {
    if (tokens[at]?.clause !== clause) return false;
    if (deferrals.has(tokens[at]?.text ?? "")) return true;
  }
  return false;
}

export interface Span {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/**
 * Whether a match made of these token spans is negated. A cue counts when it is not itself part
 * of the match (so "could not start" can be a phrasing), lies in the same clause as a matched
 * word, and comes either shortly before the first matched word or between matched words:
 * "it isn't an OOM" and "128 does not mean out of memory" are negated, "it's not the app, the
 * runtime failed" is not negated for the runtime.
 */
export function isNegated(tokens: readonly Token[], spans: readonly Span[]): boolean {
  const inMatch = (at: number): boolean => spans.some((span) => at >= span.start && at < span.end);
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  const first = ordered[0];
  const last = ordered.at(-1);
  if (first === undefined || last === undefined) return false;
  if (isDeferred(tokens, last.end)) return false;
  if (isDismissed(tokens, last.end)) return true;
  // "Deleting the pod proves nothing", "that tells you nothing": the claim ends in its denial.
  if (tokens[last.end]?.text === "nothing" && tokens[last.end - 1]?.kind === "word") return true;
  const firstClause = tokens[first.start]?.clause;
  for (let at = first.start - 1; at >= Math.max(0, first.start - negationReach); at--) {
    if (tokens[at]?.clause !== firstClause) break;
    // "never ... without X": the denial is cancelled by the "without" it governs.
    if (cancellableCues.has(tokens[at]?.text ?? "") && isCancelled(tokens, at)) break;
    if (!inMatch(at) && isCue(tokens, at)) return true;
  }
  for (const span of ordered.slice(1)) {
    const clause = tokens[span.start]?.clause;
    for (let at = first.end; at < span.start; at++) {
      if (tokens[at]?.clause === clause && !inMatch(at) && isCue(tokens, at)) return true;
    }
  }
  return false;
}
