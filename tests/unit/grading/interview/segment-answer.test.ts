import assert from "node:assert/strict";
import { test } from "node:test";
import { segmentAnswer } from "../../../../src/grading/interview/segment-answer.ts";

test("sentences keep their offsets into the original answer", () => {
  const answer = "Exit code 128 is not a signal. It means the runtime failed!  Check dmesg.";
  const units = segmentAnswer(answer);
  assert.deepEqual(
    units.map((unit) => unit.text),
    ["Exit code 128 is not a signal.", "It means the runtime failed!", "Check dmesg."],
  );
  for (const unit of units) assert.equal(answer.slice(unit.start, unit.end), unit.text);
});

test("bullet and numbered lines are units without their markers", () => {
  const answer =
    "- kubectl describe pod\n* journalctl -u containerd\n1. dmesg -T\n2) retry elsewhere";
  assert.deepEqual(
    segmentAnswer(answer).map((unit) => unit.text),
    ["kubectl describe pod", "journalctl -u containerd", "dmesg -T", "retry elsewhere"],
  );
});

test("abbreviations do not end a sentence", () => {
  const units = segmentAnswer("Some programs exit 128, e.g. git on a fatal error. Next one.");
  assert.equal(units.length, 2);
});

test("a long transcript without punctuation is cut at discourse markers", () => {
  const answer =
    "okay so exit code one twenty eight means the container runtime could not start the " +
    "process so it is not really your app and then I would describe the pod and look at the " +
    "last state and then check the kubelet logs on the node";
  const units = segmentAnswer(answer);
  assert.ok(units.length >= 3, `expected at least 3 pieces, got ${units.length}`);
  assert.equal(units.map((unit) => unit.text).join(" "), answer);
  for (const unit of units) assert.equal(answer.slice(unit.start, unit.end), unit.text);
});

test("blank and punctuation-only input gives no units", () => {
  assert.deepEqual(segmentAnswer(""), []);
  assert.deepEqual(segmentAnswer("  \n - \n ..."), []);
});

test("an indented line without a bullet continues the bullet above it", () => {
  const answer = "- mostly it's a runtime start\n  failure\n- then describe\nA new line.";
  const units = segmentAnswer(answer);
  assert.deepEqual(
    units.map((unit) => unit.text),
    ["mostly it's a runtime start\n  failure", "then describe", "A new line."],
  );
  for (const unit of units) assert.equal(answer.slice(unit.start, unit.end), unit.text);
});
