import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addDecisions,
  emptyCounts,
  scoresOf,
} from "../../../../src/grading/interview/eval-metrics.ts";

test("micro-averaged precision, recall and F1 over (answer, id) decisions", () => {
  const counts = emptyCounts();
  addDecisions(counts, ["a", "b"], ["a", "c"]); // a right, b extra, c missed
  addDecisions(counts, ["d"], ["d"]);
  assert.deepEqual(counts, { truePositives: 2, falsePositives: 1, falseNegatives: 1 });
  const scores = scoresOf(counts);
  assert.equal(scores.precision, 2 / 3);
  assert.equal(scores.recall, 2 / 3);
  assert.equal(scores.f1, 2 / 3);
  assert.equal(scores.support, 3);
});

test("nothing predicted has precision 1; nothing expected has recall 1", () => {
  assert.equal(scoresOf({ truePositives: 0, falsePositives: 0, falseNegatives: 2 }).precision, 1);
  assert.equal(scoresOf({ truePositives: 0, falsePositives: 2, falseNegatives: 0 }).recall, 1);
  assert.equal(scoresOf({ truePositives: 0, falsePositives: 1, falseNegatives: 1 }).f1, 0);
});
