import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { checkAnswer, maxAnswerLength } from "../../../../src/grading/interview/check-answer.ts";
import { parseQuestion } from "../../../../src/grading/interview/parse-question.ts";

const path = join(import.meta.dirname, "../../../../content/interview/exit-128-explain.yaml");
const question = parseQuestion(readFileSync(path, "utf8"), path);

const words = [
  "128",
  "137",
  "one",
  "thirty",
  "seven",
  "kill",
  "-9",
  "SIGTERM",
  "not",
  "OOM",
  "runtime",
  "failed",
  "to",
  "start",
  "dmesg",
  "describe",
  "node",
  "(",
  ")",
  ",",
  ".",
  "\n- ",
  "so",
  "if",
  "<b>",
];

test("any answer gives a well-formed result whose evidence is the learner's own text", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 400 }),
        fc.array(fc.constantFrom(...words), { maxLength: 120 }).map((list) => list.join(" ")),
      ),
      (answer) => {
        const result = checkAnswer(question, answer);
        assert.ok(Number.isInteger(result.score) && result.score >= 0 && result.score <= 100);
        assert.deepEqual(
          [...result.covered, ...result.missed].sort(),
          question.keyPoints.map((point) => point.id).sort(),
        );
        for (const unit of result.units) {
          assert.equal(answer.slice(unit.start, unit.end), unit.text);
        }
        for (const sentence of Object.values(result.evidence)) assert.ok(answer.includes(sentence));
      },
    ),
    { numRuns: 300 },
  );
});

test("a hostile answer of the longest allowed length is checked quickly", () => {
  for (const piece of [
    "kill -9 137 sigterm 143,",
    "not ",
    "a. ",
    "- x\n",
    "oom 128 sigkill 137 ",
  ]) {
    const answer = piece
      .repeat(Math.ceil(maxAnswerLength / piece.length))
      .slice(0, maxAnswerLength);
    const started = performance.now();
    checkAnswer(question, answer);
    const elapsed = performance.now() - started;
    // Seconds, not milliseconds: this guards against blow-ups, the benchmark measures speed.
    assert.ok(elapsed < 5000, `${JSON.stringify(piece)}: ${elapsed.toFixed(0)} ms`);
  }
});
