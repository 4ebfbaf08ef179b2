import assert from "node:assert/strict";
import { test } from "node:test";
import type { InterviewQuestion } from "../../../../src/schemas/interview.ts";
import { checkAnswer } from "../../../../src/grading/interview/check-answer.ts";
import { ContentError, parseQuestion } from "../../../../src/grading/interview/parse-question.ts";
import {
  evalFiles,
  loadEvalSets,
  loadQuestions,
} from "../../../../src/grading/interview/load-content.ts";

const questions = loadQuestions();

function mainQuestion(): InterviewQuestion {
  const question = questions.get("exit-128-explain");
  assert.ok(question, "content/interview/exit-128-explain.yaml is missing");
  return question;
}

test("there are at least 8 questions, including exit-128-explain", () => {
  assert.ok(questions.size >= 8);
  assert.ok(questions.has("exit-128-explain"));
});

test("exit-128-explain has exactly the key point and misconception ids of issue 8", () => {
  const question = mainQuestion();
  assert.deepEqual(
    question.keyPoints.map((point) => point.id),
    [
      "runtime-level",
      "signal-offset",
      "signal-examples",
      "invalid-exit-value",
      "node-runtime-logs",
      "kernel-logs",
      "compare-nodes",
      "describe-previous",
    ],
  );
  const ids = question.misconceptions.map((item) => item.id);
  for (const id of ["m-oom-128", "m-128-is-signal", "m-always-app-bug", "m-exit-range"]) {
    assert.ok(ids.includes(id), id);
  }
});

test("every model answer covers all of its question's key points and states no misconception", () => {
  for (const question of questions.values()) {
    const result = checkAnswer(question, question.modelAnswer);
    assert.deepEqual(result.missed, [], question.id);
    assert.deepEqual(result.misconceptions, [], question.id);
  }
});

test("exit-128-explain has at least 40 development answers and a held-out part", () => {
  // Only the dev files are read: held-out answers are never looked at while tuning.
  const sets = loadEvalSets("dev").filter((set) => set.question === "exit-128-explain");
  const count = sets.reduce((sum, set) => sum + set.answers.length, 0);
  assert.ok(count >= 40, `${count} answers`);
  assert.ok(
    evalFiles("held-out").some((file) => file.question === "exit-128-explain"),
    "no exit-128-explain.held-out*.yaml",
  );
});

test("every question has at least 12 labelled development answers with known ids", () => {
  const sets = loadEvalSets("dev");
  for (const question of questions.values()) {
    const answers = sets
      .filter((set) => set.question === question.id)
      .flatMap((set) => set.answers);
    assert.ok(answers.length >= 12, `${question.id}: ${answers.length} dev answers`);
    const known = new Set([
      ...question.keyPoints.map((point) => point.id),
      ...question.misconceptions.map((item) => item.id),
    ]);
    for (const answer of answers) {
      for (const id of [...answer.covered, ...answer.misconceptions]) {
        assert.ok(known.has(id), `${question.id} ${answer.id}: unknown id ${id}`);
      }
    }
  }
});

test("a bad question file fails with the file, the field and the problem", () => {
  assert.throws(
    () => parseQuestion("id: x\ntitle: X\n", "content/interview/x.yaml"),
    (error: unknown) =>
      error instanceof ContentError &&
      error.message.includes("content/interview/x.yaml") &&
      error.message.includes("keyPoints"),
  );
  assert.throws(() => parseQuestion("id: [", "bad.yaml"), /not valid YAML/);
});
