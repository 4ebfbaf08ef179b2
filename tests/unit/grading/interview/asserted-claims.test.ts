/**
 * A misconception counts only when the candidate asserts it. These sentences mention a wrong
 * belief without asserting it (asked aloud, taken back, reported from someone else, given up)
 * next to ones that assert it, so each rule is checked in both directions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAnswer } from "../../../../src/grading/interview/check-answer.ts";
import { loadQuestions } from "../../../../src/grading/interview/load-content.ts";
import { questionClauses } from "../../../../src/grading/interview/question-clause.ts";
import { standingPart } from "../../../../src/grading/interview/self-correction.ts";
import { tokenise } from "../../../../src/grading/interview/tokenise.ts";

const question = loadQuestions().get("exit-128-explain");
assert.ok(question);
const check = (answer: string): ReturnType<typeof checkAnswer> => checkAnswer(question, answer);
const misconceptions = (answer: string): string[] => check(answer).misconceptions;

test("a question asked aloud asserts nothing, typed or spoken", () => {
  assert.deepEqual(misconceptions("Does 128 mean the container ran out of memory?"), []);
  assert.deepEqual(misconceptions("Could it be a bug in the application?"), []);
  assert.deepEqual(misconceptions("Are exit codes limited to 0 through 127?"), []);
  assert.deepEqual(
    misconceptions("so was one twenty eight caused by a signal no there is no signal zero"),
    [],
  );
  assert.deepEqual(
    misconceptions("What does 128 mean? It means the container ran out of memory."),
    ["m-oom-128"],
  );
  // The same beliefs stated are still caught.
  assert.deepEqual(misconceptions("128 means the container ran out of memory."), ["m-oom-128"]);
  assert.deepEqual(misconceptions("Exit codes only go up to 127."), ["m-exit-range"]);
});

test("only a clause opening with its verb and a subject is a question", () => {
  const clauses = (text: string): number => questionClauses(tokenise(text)).size;
  assert.equal(clauses("Is it OOM?"), 1);
  assert.equal(clauses("why would the runtime fail"), 1);
  // A terse step, an order, an inverted statement and a relative clause ask nothing.
  assert.equal(clauses("Would check dmesg on the node."), 0);
  assert.equal(clauses("Do not restart containerd blindly."), 0);
  assert.equal(clauses("Only then do I uncordon it."), 0);
  assert.equal(clauses("It gets SIGKILL, which is 137."), 0);
  // A question mark after a note is a step to take: "same node every time?".
  assert.equal(clauses("kubectl get pods -o wide: same node every time?"), 0);
});

test("a question does not cover a key point; the answer that follows does", () => {
  const result = check("Would it fail on another node too? I'd move the pod to a different node.");
  assert.ok(result.covered.includes("compare-nodes"));
  assert.equal(result.evidence["compare-nodes"], "I'd move the pod to a different node.");
});

test("what a speaker takes back is not asserted; what follows the correction is", () => {
  assert.deepEqual(
    misconceptions("it's an out of memory kill no wait that's one thirty seven the runtime failed"),
    [],
  );
  assert.deepEqual(
    misconceptions("128 is a signal, scratch that, it means the runtime could not start it."),
    [],
  );
  assert.deepEqual(
    misconceptions("It is the runtime, wait, no, 128 means the container ran out of memory."),
    ["m-oom-128"],
  );
  const words = standingPart(tokenise("137 is OOM, actually no, SIGKILL")).map((t) => t.text);
  assert.deepEqual(words, [",", "sigkill"]);
});

test("a belief reported from a colleague or given up is not the candidate's", () => {
  assert.deepEqual(
    misconceptions("A teammate told me 128 means the process was killed by a signal."),
    [],
  );
  assert.deepEqual(misconceptions('My colleague said "143 is SIGKILL", which is backwards.'), []);
  assert.deepEqual(misconceptions("Someone claimed exit codes stop at 127; that's not true."), []);
  assert.deepEqual(misconceptions("I used to believe 128 meant the pod was OOM killed."), []);
  assert.deepEqual(
    misconceptions("I thought 128 meant out of memory until I read runc's code."),
    [],
  );
  assert.deepEqual(misconceptions("I'd have said 128 means out of memory, a year ago."), []);
  // The candidate's own belief, even with "I think", is asserted; so is "that's right".
  assert.deepEqual(misconceptions("I think 128 means out of memory."), ["m-oom-128"]);
  assert.deepEqual(misconceptions("128 means out of memory, that's right."), ["m-oom-128"]);
});

test("a sentence resumed after an aside is not a question", () => {
  const result = check("137 (SIGKILL) and 143 (SIGTERM) are the ones you see most.");
  assert.ok(result.covered.includes("signal-examples"));
});

test("two names of one signal side by side restate one pair; none is left for a later code", () => {
  // 137 = 128 + 9 (SIGKILL, kill -9); 128 would be signal 0, which does not exist.
  const result = check("137 is kill -9, SIGKILL, 143 is SIGTERM, and 128 would be signal 0.");
  assert.ok(result.covered.includes("signal-examples"));
  assert.deepEqual(result.misconceptions, []);
  // A name of the signal said again of 128 is still a wrong pair.
  assert.deepEqual(misconceptions("137 is kill -9, SIGKILL, and 128 is SIGKILL too."), [
    "m-128-is-signal",
    "m-wrong-signal-pair",
  ]);
});

test("'that' after a clause naming no code points back to that clause, not to 128", () => {
  const result = check("Not a memory problem (that's SIGKILL, 137). Not a signal either.");
  assert.deepEqual(result.misconceptions, []);
  assert.ok(result.covered.includes("signal-examples"));
  // Said of the code itself, "that" still carries it: "128? That's SIGKILL" is a wrong pair.
  assert.deepEqual(misconceptions("Exit code 128. That is SIGKILL."), [
    "m-128-is-signal",
    "m-wrong-signal-pair",
  ]);
});

test("a sentence stating a wrong range does not cover the wrapping it builds on it", () => {
  // Exit statuses are 8 bits (0-255); "up to 65535" is wrong, so its "truncated" is no coverage.
  const wrong = check("Exit codes go up to 65535 on Linux, Kubernetes truncates them.");
  assert.deepEqual(wrong.misconceptions, ["m-exit-range"]);
  assert.ok(!wrong.covered.includes("invalid-exit-value"));
  const right = check("Exit codes go 0 to 255; a bigger value is truncated modulo 256.");
  assert.deepEqual(right.misconceptions, []);
  assert.ok(right.covered.includes("invalid-exit-value"));
});

test("beliefs reported a few words from their holders, or reversed, are not asserted", () => {
  const codes = loadQuestions().get("tell-126-127-128");
  assert.ok(codes);
  const stated = (answer: string): string[] => checkAnswer(codes, answer).misconceptions;
  // 127 is "command not found", 126 "found but not executable".
  assert.deepEqual(stated("People mix the two up and say 126 is command not found."), []);
  assert.deepEqual(
    stated("Colleagues swap them: 127 is permission denied, the other way round."),
    [],
  );
  assert.deepEqual(stated("126 is command not found."), ["m-126-not-found"]);
});

test("a missing executable bit is not a missing file", () => {
  const codes = loadQuestions().get("tell-126-127-128");
  assert.ok(codes);
  const result = checkAnswer(codes, "126 means the file exists but has a missing executable bit.");
  assert.deepEqual(result.misconceptions, []);
  assert.deepEqual(
    checkAnswer(codes, "126 means the binary is missing from the image.").misconceptions,
    ["m-126-not-found"],
  );
});

test("a spoken question opening with is, does or did asks whatever follows", () => {
  const emptyLogs = loadQuestions().get("empty-logs");
  assert.ok(emptyLogs);
  const stated = (answer: string): string[] => checkAnswer(emptyLogs, answer).misconceptions;
  assert.deepEqual(stated("does empty logs mean nothing went wrong no the app never started"), []);
  assert.deepEqual(stated("empty logs mean nothing went wrong"), ["m-empty-logs-no-error"]);
  assert.deepEqual(stated("A junior told me empty logs mean nothing went wrong."), []);
});

test("a question with a gerund subject asks: 'would restarting the pod prove it?'", () => {
  const nodeSpecific = loadQuestions().get("node-specific");
  assert.ok(nodeSpecific);
  const stated = (answer: string): string[] => checkAnswer(nodeSpecific, answer).misconceptions;
  assert.deepEqual(stated("Would deleting the pod prove it is the node? No."), []);
  assert.deepEqual(stated("Deleting the pod proves it is the node."), ["m-restart-proves"]);
});

test("a numeric range is one term of a keyword list; a subtraction is not a range", () => {
  const prevention = loadQuestions().get("prevention");
  assert.ok(prevention);
  const listed = checkAnswer(
    prevention,
    "CI, entrypoint, chmod +x, exit 0-125, git credentials, node-problem-detector, PID limits",
  );
  assert.deepEqual(listed.covered, []);
  const worked = check(
    "Subtract 128 to get the signal: 137 - 128 = 9, SIGKILL; 143 - 128 = 15, SIGTERM.",
  );
  assert.ok(worked.covered.includes("signal-examples"));
});

test("hearsay and a claim called swapped are not asserted; 'every time' is 'always'", () => {
  const signals = loadQuestions().get("signals-137-143");
  assert.ok(signals);
  const stated = (answer: string): string[] => checkAnswer(signals, answer).misconceptions;
  // 137 = 128 + 9 (SIGKILL); SIGTERM is 15, so 143.
  assert.deepEqual(stated('I\'ve often heard "137 is SIGTERM" from candidates.'), []);
  assert.deepEqual(stated("137 is SIGTERM. That's swapped, SIGTERM gives 143."), [
    "m-wrong-signal-pair",
  ]);
  assert.deepEqual(stated("That mapping is swapped: 137 is SIGTERM, they say."), []);
  assert.deepEqual(stated("137 is the OOM killer every time."), ["m-137-always-oom"]);
});

test("a belief doubted, argued against, called tempting or offered to the listener is not asserted", () => {
  assert.deepEqual(misconceptions("Maybe it's an OOM, but I doubt it; OOM shows up as 137."), []);
  assert.deepEqual(misconceptions("You might think 128 means out of memory. It doesn't."), []);
  assert.deepEqual(misconceptions("It's tempting to say 128 is an OOM kill, but OOM is 137."), []);
  assert.deepEqual(misconceptions("Some would argue 128 is always an app bug; I disagree."), []);
  assert.deepEqual(misconceptions("Interviewers expect you to say 128 is a signal. It isn't."), []);
  // Advice and certainty assert it.
  assert.deepEqual(misconceptions("You should assume 128 means out of memory."), ["m-oom-128"]);
  assert.deepEqual(misconceptions("128 means OOM, no doubt about it."), ["m-oom-128"]);
});

test("a short statement asked with a question mark asserts nothing when denied or hedged", () => {
  assert.deepEqual(misconceptions("So 128 means OOM? No, 137 does."), []);
  assert.deepEqual(misconceptions("I'm not sure, maybe it's out of memory?"), []);
  // A tag question still asserts; so does a statement the next sentence goes on with.
  assert.deepEqual(misconceptions("128 means OOM, right?"), ["m-oom-128"]);
  assert.deepEqual(misconceptions("So 128 means OOM? Yes, raise the limit."), ["m-oom-128"]);
});

test("a step dismissed or forgotten is not covered; 'don't forget' keeps it", () => {
  assert.deepEqual(check("Moving the pod to another node is pointless.").covered, []);
  assert.deepEqual(check("Forget about journalctl, just read the app logs.").covered, []);
  assert.deepEqual(check("Don't forget to check dmesg on the node.").covered, ["kernel-logs"]);
  assert.deepEqual(check("Moving the pod to another node is the quickest test.").covered, [
    "compare-nodes",
  ]);
});

test("a typed question runs on to its question mark; one answered 'not sure' asserts nothing", () => {
  assert.deepEqual(check("Is it 128 plus the signal number? I can't remember.").covered, []);
  assert.deepEqual(check("Git exits 128 on fatal errors? I'm not sure.").covered, []);
  assert.ok(
    check("Git exits 128 on fatal errors? Yes, it does.").covered.includes("invalid-exit-value"),
  );
});

test("a range split at a bound is no wrong range; a range that ends there is", () => {
  // 0-255 is the whole range; splitting it at 127/128 states no other range.
  assert.deepEqual(
    misconceptions("Codes 0 through 127 are the app's own; 128 and up are special."),
    [],
  );
  assert.deepEqual(misconceptions("Exit codes 0-127 are normal, 128-255 mean something else."), []);
  assert.deepEqual(misconceptions("Exit codes go 0 to 127, 128 is invalid."), ["m-exit-range"]);
});

test("'only' restricted by a condition states no 'always'", () => {
  assert.deepEqual(misconceptions("It's only an app bug if the program returns 128 itself."), []);
  assert.deepEqual(misconceptions("128 is only ever an application bug."), ["m-always-app-bug"]);
});

test("'max out at' and 'tops out at' state an upper bound like 'up to'", () => {
  assert.deepEqual(misconceptions("Exit codes max out at 127."), ["m-exit-range"]);
  assert.deepEqual(misconceptions("The exit status tops out at 255."), []);
});

test("a step said to be unnecessary or not worth it is not covered", () => {
  assert.deepEqual(check("Checking the kubelet logs on the node won't be necessary.").covered, []);
  assert.deepEqual(check("Reading dmesg on the node is not worth it.").covered, []);
  assert.deepEqual(check("Reading dmesg on the node is worth it.").covered, ["kernel-logs"]);
});

test("a code labelled with a colon owns what follows it: '127: not found - 126: ...'", () => {
  const codes = loadQuestions().get("tell-126-127-128");
  assert.ok(codes);
  // 127 is "command not found" (bash); 126 "found but not executable".
  // Notes run the items together: "not found" comes right before 126 but belongs to 127.
  const result = checkAnswer(codes, "- 127: not found - 126: found, not executable");
  assert.ok(result.covered.includes("code-127"));
  assert.deepEqual(result.misconceptions, []);
  assert.ok(
    checkAnswer(codes, "126 means the file could not be executed.").covered.includes("code-126"),
  );
});
