import assert from "node:assert/strict";
import { test } from "node:test";
import { convertSpokenNumbers } from "../../../../src/grading/interview/spoken-numbers.ts";

const convert = (text: string): string => convertSpokenNumbers(text.split(" ")).join(" ");

test("exit codes said the way people say them become digits", () => {
  assert.equal(convert("exit code one thirty seven"), "exit code 137");
  assert.equal(convert("one three seven"), "137");
  assert.equal(convert("one hundred and twenty eight"), "128");
  assert.equal(convert("a hundred twenty eight"), "128");
  assert.equal(convert("one twenty eight"), "128");
  assert.equal(convert("two fifty five"), "255");
  assert.equal(convert("one forty three"), "143");
  assert.equal(convert("kill - nine"), "kill - 9");
  assert.equal(convert("signal fifteen"), "signal 15");
});

test("ordinals are not numbers, so 'a second node' stays words", () => {
  assert.equal(convert("try a second node"), "try a second node");
  assert.equal(convert("the first step"), "the first step");
});

test("minus and negative give a sign", () => {
  assert.equal(convert("exit minus one"), "exit - 1");
  assert.equal(convert("negative one twenty eight"), "- 128");
  assert.equal(convert("minus 128"), "- 128");
});

test("digits and other words pass through unchanged", () => {
  assert.equal(convert("exit 128 on node-2"), "exit 128 on node-2");
});
