import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { checkAnswer, maxAnswerLength } from "../../../../src/grading/interview/check-answer.ts";
import { parseQuestion } from "../../../../src/grading/interview/parse-question.ts";

const path = join(import.meta.dirname, "../../../../content/interview/exit-128-explain.yaml");
const question = parseQuestion(readFileSync(path, "utf8"), path);
const check = (answer: string) => checkAnswer(question, answer);

test("a key point is covered with the sentence that covers it as evidence", () => {
  const result = check(
    "First I describe the pod. Then I would run dmesg on the node for cgroup errors.",
  );
  assert.ok(result.covered.includes("kernel-logs"));
  assert.equal(
    result.evidence["kernel-logs"],
    "Then I would run dmesg on the node for cgroup errors.",
  );
  assert.ok(result.missed.includes("compare-nodes"));
});

test("negation scoped to the clause: a rejected step is not covered", () => {
  assert.ok(!check("I would not look at dmesg.").covered.includes("kernel-logs"));
  assert.ok(!check("I wouldn't bother with d message here.").covered.includes("kernel-logs"));
  assert.ok(check("I would look at dmesg.").covered.includes("kernel-logs"));
  // The "not" belongs to the first clause only.
  const result = check("It's not an application error, the runtime failed to start the process.");
  assert.ok(result.covered.includes("runtime-level"));
});

test("negated misconceptions are not stated; asserted ones are", () => {
  assert.deepEqual(check("128 is not an OOM kill.").misconceptions, []);
  assert.deepEqual(check("Exit code 128 isn't out of memory.").misconceptions, []);
  assert.deepEqual(check("128 means the container ran out of memory.").misconceptions, [
    "m-oom-128",
  ]);
  assert.deepEqual(check("people think 128 is OOM, but that's wrong").misconceptions, []);
  assert.deepEqual(check("if it were OOM you'd see 137").misconceptions, []);
});

test("numbers spoken as words are matched like digits", () => {
  const result = check("one thirty seven is sig kill so one twenty eight plus the signal number");
  assert.ok(result.covered.includes("signal-examples"));
  assert.ok(result.covered.includes("signal-offset"));
});

test("a wrong numeric fact is a misconception, never coverage (137 is SIGKILL, 143 SIGTERM)", () => {
  const wrong = check("137 means SIGTERM.");
  assert.deepEqual(wrong.misconceptions, ["m-wrong-signal-pair"]);
  assert.ok(!wrong.covered.includes("signal-examples"));
  for (const right of [
    "137 means SIGKILL.",
    "143 is SIGTERM",
    "SIGSEGV gives 139",
    "130 = SIGINT",
  ]) {
    const result = check(right);
    assert.ok(result.covered.includes("signal-examples"), right);
    assert.deepEqual(result.misconceptions, [], right);
  }
  assert.deepEqual(check("137 is not SIGTERM").misconceptions, []);
});

test("codes above 128 as signals is the offset, 128 itself as a signal is a misconception", () => {
  const offset = check("Exit codes above 128 mean the process was killed by a signal.");
  assert.ok(offset.covered.includes("signal-offset"));
  assert.deepEqual(offset.misconceptions, []);
  assert.deepEqual(check("128 means the process was killed by a signal.").misconceptions, [
    "m-128-is-signal",
  ]);
  assert.deepEqual(check("128 itself is not a signal.").misconceptions, []);
});

test("a wrong range of exit values is a misconception (the status is 8 bits: 0-255)", () => {
  assert.deepEqual(check("Exit codes range from 0 to 127.").misconceptions, ["m-exit-range"]);
  assert.deepEqual(check("exit codes can go up to 65535").misconceptions, ["m-exit-range"]);
  assert.deepEqual(check("Exit codes go from 0 to 255.").misconceptions, []);
  assert.deepEqual(check("exit codes go up to two fifty five").misconceptions, []);
});

test("a keyword list without claims covers nothing and states nothing", () => {
  const stuffed =
    "Exit code 128: containerd, runc, kubelet, journalctl, dmesg, cgroups, SIGKILL, 137, OOM, " +
    "describe, logs --previous, node affinity.";
  const result = check(stuffed);
  assert.deepEqual(result.covered, []);
  assert.deepEqual(result.misconceptions, []);
  assert.deepEqual(
    check("kubelet containerd runc dmesg journalctl cgroup sigkill 137 oom").covered,
    [],
  );
  // A typed command is an action, not a list.
  assert.ok(
    check("kubectl describe pod, kubectl logs --previous").covered.includes("describe-previous"),
  );
});

test("the score is weighted coverage minus misconception penalties, within 0-100", () => {
  assert.equal(check("").score, 0);
  assert.equal(check(question.modelAnswer).score, 100);
  const total = question.keyPoints.reduce((sum, point) => sum + point.weight, 0);
  const weight = question.keyPoints.find((point) => point.id === "kernel-logs")?.weight ?? 0;
  assert.equal(check("I would check dmesg.").score, Math.round((100 * weight) / total));
  const penalty = question.misconceptions.find((item) => item.id === "m-oom-128")?.penalty ?? 0;
  const withMistake = check(`${question.modelAnswer} Also, 128 means out of memory.`);
  assert.equal(withMistake.score, 100 - penalty);
  assert.equal(check("128 means OOM. 137 means SIGTERM. Exit codes go up to 127.").score, 0);
});

test("the result is deterministic", () => {
  const answer = "128 means the runtime could not start it; check journalctl -u containerd.";
  assert.deepEqual(check(answer), check(answer));
});

test("too long an answer gets a clear error instead of a slow check", () => {
  assert.throws(() => check("a".repeat(maxAnswerLength + 1)), RangeError);
});

test("pairs are read across asides and arrows the way people write them", () => {
  for (const answer of [
    "SIGTERM (15) gives 143, SIGKILL (9) gives 137.",
    "kill -9 -> 137, kill -15 -> 143",
    "137 (SIGKILL) and 143 (SIGTERM) are the common ones.",
    "143 = 128 + 15 (SIGTERM)",
  ]) {
    const result = check(answer);
    assert.ok(result.covered.includes("signal-examples"), answer);
    assert.deepEqual(result.misconceptions, [], answer);
  }
});

test("denials other than 'not' also negate: rarely, !=, a claim called a misreading", () => {
  assert.deepEqual(check("128 is rarely an application error.").misconceptions, []);
  assert.deepEqual(check("128 != OOM").misconceptions, []);
  assert.deepEqual(
    check("The exit code 128 is often misread as a kill signal.").misconceptions,
    [],
  );
  assert.deepEqual(check("128 is always an application bug.").misconceptions, ["m-always-app-bug"]);
});

test("another exit code between a number and a claim breaks the claim", () => {
  const answer = "Exit code 128 is not out of memory (that would be 137 = 128 + 9, SIGKILL).";
  assert.deepEqual(check(answer).misconceptions, []);
});

test("a sentence that says 'it' is about the code asked about, or the code just named", () => {
  // The question asks about 128, so an opening "it" is 128.
  assert.deepEqual(check("It just means the pod was killed.").misconceptions, ["m-128-is-signal"]);
  assert.deepEqual(check("uh it's basically an out of memory error").misconceptions, ["m-oom-128"]);
  assert.deepEqual(check("It doesn't mean the container was killed.").misconceptions, []);
  // After "137 is SIGKILL", "it" is 137: true, and nothing about 128.
  assert.deepEqual(check("137 is SIGKILL. It means the kernel killed it.").misconceptions, []);
  // A sentence with its own number has its own subject.
  assert.deepEqual(check("It means 137 was a kill.").misconceptions, []);
});

test("a kill blamed on memory is the OOM belief, not a belief that 128 is a signal", () => {
  // An OOM kill is SIGKILL from the OOM killer (reported as 137, OOMKilled).
  assert.deepEqual(
    check("128 means the container ran out of memory and got OOM killed.").misconceptions,
    ["m-oom-128"],
  );
  assert.deepEqual(
    check("It's when the container gets killed for using too much memory.").misconceptions,
    ["m-oom-128"],
  );
  // Naming a signal keeps the signal claim.
  assert.deepEqual(check("128 means the OOM killer sent SIGKILL.").misconceptions, [
    "m-oom-128",
    "m-128-is-signal",
    "m-wrong-signal-pair",
  ]);
});

test("128 named as a signal is a wrong pair (128 would be signal 0, which does not exist)", () => {
  assert.deepEqual(check("Exit code 128 is SIGTERM.").misconceptions, [
    "m-128-is-signal",
    "m-wrong-signal-pair",
  ]);
  assert.ok(
    check("one twenty eight means it got a sig kill").misconceptions.includes(
      "m-wrong-signal-pair",
    ),
  );
  // 128 as the base of the offset pairs with nothing.
  const offset = check("137 is 128 + 9, SIGKILL, and you subtract 128 to get SIGTERM from 143.");
  assert.deepEqual(offset.misconceptions, []);
  assert.ok(offset.covered.includes("signal-examples"));
  assert.deepEqual(check("128 is not SIGKILL.").misconceptions, []);
  // "128 means OOM" is the OOM misconception only: OOM names a cause, not a signal.
  assert.deepEqual(check("128 means OOM.").misconceptions, ["m-oom-128"]);
});

test("137 as the OOM kill is true but names no signal, so it covers no signal pair", () => {
  assert.ok(!check("OOM kills show up as 137.").covered.includes("signal-examples"));
  assert.ok(check("OOM kills show up as 137, SIGKILL.").covered.includes("signal-examples"));
  assert.deepEqual(check("OOM kills show up as 143.").misconceptions, ["m-wrong-signal-pair"]);
});

test("an exit status width other than 8 bits is a wrong range", () => {
  assert.deepEqual(check("An exit status is a 16-bit number.").misconceptions, ["m-exit-range"]);
  assert.deepEqual(check("Exit codes are 32 bits.").misconceptions, ["m-exit-range"]);
  assert.deepEqual(check("Exit values are 8 bits wide, 0 to 255.").misconceptions, []);
});

test("skipping or ignoring a step rejects it like 'not' does", () => {
  assert.ok(!check("I'd ignore the kernel log for now.").covered.includes("kernel-logs"));
  assert.ok(!check("Skip dmesg, look at the runtime first.").covered.includes("kernel-logs"));
  assert.ok(check("I would read the kernel log.").covered.includes("kernel-logs"));
});

test("a spoken hedge between a limit and its number still states the range", () => {
  assert.deepEqual(check("exit codes go up to like five hundred and twelve").misconceptions, [
    "m-exit-range",
  ]);
  assert.deepEqual(check("exit codes go up to about two fifty five").misconceptions, []);
});
