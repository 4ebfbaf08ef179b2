/**
 * Matching rules found while labelling answers to the other seven questions; each case is the
 * kind of sentence a candidate says, with what a careful grader reads in it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAnswer } from "../../../../src/grading/interview/check-answer.ts";
import { loadQuestions } from "../../../../src/grading/interview/load-content.ts";
import { tokenise } from "../../../../src/grading/interview/tokenise.ts";

const questions = loadQuestions();
function checker(id: string): (answer: string) => ReturnType<typeof checkAnswer> {
  const question = questions.get(id);
  assert.ok(question, id);
  return (answer) => checkAnswer(question, answer);
}
const codes = checker("tell-126-127-128");
const signals = checker("signals-137-143");
const restart = checker("restart-runtime");
const emptyLogs = checker("empty-logs");
const exitValues = checker("exit-values-languages");
const nodeSpecific = checker("node-specific");

test("each claim word belongs to the nearest exit code: 126 and 127 in one sentence", () => {
  // 126 is "found but not executable", 127 "command not found" (the shell's meanings).
  const swapped = codes("126 is command not found and 127 is permission denied.");
  assert.deepEqual(swapped.covered, []);
  assert.deepEqual(swapped.misconceptions, ["m-126-not-found", "m-127-permission"]);
  const right = codes("127 is command not found and 126 is permission denied.");
  assert.deepEqual(right.covered, ["code-127", "code-126"]);
  assert.deepEqual(right.misconceptions, []);
});

test("in run-on speech an exit code followed by 'means' starts a new claim", () => {
  const result = codes(
    "so one twenty seven means the binary isn't in the path one twenty six means it's not executable",
  );
  assert.ok(result.covered.includes("code-126"));
  const tokens = tokenise("it is not in the path 126 means");
  const not = tokens.find((token) => token.text === "not");
  const code = tokens.find((token) => token.text === "126");
  assert.notEqual(not?.clause, code?.clause);
  // A number tied to the words before it does not start a claim.
  const tied = tokenise("the exit code 128 means");
  assert.equal(tied.at(0)?.clause, tied.at(-1)?.clause);
});

test("a sentence that states the truth about a code does not also state its opposite", () => {
  const result = codes(
    "126 means the file was found but could not be executed because the execute bit is missing.",
  );
  assert.deepEqual(result.covered, ["code-126"]);
  assert.deepEqual(result.misconceptions, []);
  assert.deepEqual(codes("126 means the binary is missing.").misconceptions, ["m-126-not-found"]);
});

test("not having permission is a permission problem, not a denial of one", () => {
  assert.deepEqual(codes("127 is when you don't have permission to run the file.").misconceptions, [
    "m-127-permission",
  ]);
});

test("a correct pair covers the key point of its own code only (137 = SIGKILL, 143 = SIGTERM)", () => {
  assert.deepEqual(signals("143 is SIGTERM.").covered, ["sigterm-143"]);
  assert.deepEqual(signals("137 is SIGKILL.").covered, ["sigkill-137"]);
  assert.deepEqual(signals("SIGKILL gives 143 and SIGTERM gives 137.").misconceptions, [
    "m-wrong-signal-pair",
  ]);
  assert.deepEqual(signals("SIGKILL gives 143 and SIGTERM gives 137.").covered, []);
});

test("'it' after a semicolon or comma is the code just named", () => {
  assert.deepEqual(signals("137 is not always an OOM; it is SIGKILL.").covered, ["sigkill-137"]);
  const denied = signals("I wouldn't say 137 is SIGTERM; it's SIGKILL.");
  assert.deepEqual(denied.covered, ["sigkill-137"]);
  assert.deepEqual(denied.misconceptions, []);
});

test("'and that' refers back: the signal and the code it shows up as are a pair", () => {
  const result = signals(
    "after thirty seconds it sends sig kill and that shows up as one thirty seven",
  );
  assert.ok(result.covered.includes("sigkill-137"));
});

test("'e.g.' does not cut a claim into a keyword list", () => {
  assert.ok(signals("137: SIGKILL (kill -9), e.g. OOMKilled").covered.includes("sigkill-137"));
});

test("a list of five bare steps covers nothing", () => {
  assert.deepEqual(
    restart("cordon, drain, systemctl restart containerd, journalctl, uncordon").covered,
    [],
  );
});

test("'never X without Y' asks for Y; a flag such as --ignore-daemonsets negates nothing", () => {
  assert.deepEqual(
    restart("I would never restart containerd without draining the node first.").covered,
    ["cordon-drain"],
  );
  assert.deepEqual(restart("I would restart containerd without draining the node.").covered, [
    "restart-unit",
  ]);
  const spoken = restart("drain with ignore daemon sets then restart containerd");
  assert.ok(spoken.covered.includes("restart-unit"));
  assert.ok(
    restart("kubectl drain NODE --ignore-daemonsets, then restart containerd").covered.includes(
      "restart-unit",
    ),
  );
});

test("'nothing went wrong' is a claim, not the rejection of one", () => {
  assert.deepEqual(emptyLogs("Empty logs mean nothing went wrong.").misconceptions, [
    "m-empty-logs-no-error",
  ]);
  assert.deepEqual(
    emptyLogs("People think empty logs mean nothing went wrong, but that's a myth.").misconceptions,
    [],
  );
});

test("a condition whose consequence says 'means' states the rule", () => {
  assert.deepEqual(
    emptyLogs("If kubectl logs is empty, that means the app had no errors.").misconceptions,
    ["m-empty-logs-no-error"],
  );
});

test("an exit status above 255 stated as the result is a wrong range; advice on 0-125 is not", () => {
  // The status is 8 bits: exit(256) is seen as 0.
  assert.deepEqual(
    exitValues("if you call exit two fifty six you get two fifty six back").misconceptions,
    ["m-exit-range"],
  );
  assert.deepEqual(exitValues("exit(256) gives 0.").misconceptions, []);
  assert.deepEqual(
    exitValues("There are 256 values, you get 256 possible codes.").misconceptions,
    [],
  );
  assert.deepEqual(
    exitValues("Go's documentation recommends staying in the range 0 to 125 for portability.")
      .misconceptions,
    [],
  );
});

test("'can't prove it's node-specific' concludes nothing; 'only fails on worker-1' compares", () => {
  assert.deepEqual(
    nodeSpecific("You can't prove it's node-specific, it is always the image.").covered,
    [],
  );
  assert.deepEqual(nodeSpecific("If it only fails on worker-1, worker-1 is the problem.").covered, [
    "compare-result",
  ]);
});

test("'don't X until Y' postpones X instead of rejecting it", () => {
  assert.deepEqual(restart("Don't uncordon until the node is healthy again.").covered, [
    "uncordon",
  ]);
  assert.deepEqual(restart("Don't uncordon the node.").covered, []);
});

test("'the wrong permissions' qualifies a noun; it does not reject a belief", () => {
  assert.deepEqual(codes("127 means the file has the wrong permissions.").misconceptions, [
    "m-127-permission",
  ]);
  assert.deepEqual(
    codes("Some say 127 means permission denied, that is wrong.").misconceptions,
    [],
  );
});

test("a phrasing that relates two codes is not claimed by either one alone", () => {
  const result = codes(
    "Locally with docker the broken image exits 127, but on our cluster it shows 128 with StartError.",
  );
  assert.ok(result.covered.includes("docker-contrast"));
});

test("'if A then B' and 'if A, it's definitely B' state a rule; a bare condition states nothing", () => {
  assert.deepEqual(
    signals("If you see 137 it's definitely an out of memory kill.").misconceptions,
    ["m-137-always-oom"],
  );
  assert.deepEqual(emptyLogs("If the logs are empty then nothing went wrong.").misconceptions, [
    "m-empty-logs-no-error",
  ]);
  assert.deepEqual(
    signals("If it were always OOM, every 137 would say OOMKilled.").misconceptions,
    [],
  );
});

test("a sum with 128 names the signal by number: '137 is 9 plus 128' pairs 137 with signal 9", () => {
  const spoken = signals(
    "so one thirty seven that's nine plus one twenty eight so kill nine and one forty three is fifteen plus one twenty eight",
  );
  assert.deepEqual(spoken.covered, ["signal-offset", "sigkill-137", "sigterm-143"]);
  assert.deepEqual(spoken.misconceptions, []);
  // 128 + 15 is 143, not 137.
  assert.deepEqual(signals("137 = 128 + 15.").misconceptions, ["m-wrong-signal-pair"]);
});
