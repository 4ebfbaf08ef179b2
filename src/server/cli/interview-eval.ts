/**
 * `npm run interview:eval`: runs the interview checker over the labelled answers in
 * content/interview/eval/ and prints precision, recall and F1 for key points and misconceptions,
 * per part (dev, held-out). Exits 1 when the held-out part misses the targets of issue 8:
 * key-point F1 >= 0.90, misconception precision >= 0.90 and recall >= 0.80.
 * `--verbose` also lists every answer whose result differs from its labels.
 * `--part dev` checks only the development part (prints nothing about held-out answers and does
 * not judge the targets), so tuning never shows held-out figures or failures.
 */
import { checkAnswer } from "../../grading/interview/check-answer.ts";
import {
  addDecisions,
  emptyCounts,
  scoresOf,
  type Counts,
  type Scores,
} from "../../grading/interview/eval-metrics.ts";
import { loadEvalSets, loadQuestions } from "../../grading/interview/load-content.ts";

const targets = { keyPointF1: 0.9, misconceptionPrecision: 0.9, misconceptionRecall: 0.8 };

const verbose = process.argv.includes("--verbose");
const partFlag = process.argv.indexOf("--part");
const onlyPart = partFlag === -1 ? undefined : process.argv[partFlag + 1];
if (onlyPart !== undefined && onlyPart !== "dev" && onlyPart !== "held-out") {
  console.error("--part takes dev or held-out");
  process.exit(2);
}
const questions = loadQuestions();
const parts = new Map<string, { keyPoints: Counts; misconceptions: Counts; answers: number }>();

for (const set of loadEvalSets()) {
  const question = questions.get(set.question);
  if (!question) throw new Error(`eval set for unknown question ${set.question}`);
  if (onlyPart !== undefined && set.part !== onlyPart) continue;
  const part = parts.get(set.part) ?? {
    keyPoints: emptyCounts(),
    misconceptions: emptyCounts(),
    answers: 0,
  };
  parts.set(set.part, part);
  for (const labelled of set.answers) {
    const result = checkAnswer(question, labelled.answer);
    addDecisions(part.keyPoints, result.covered, labelled.covered);
    addDecisions(part.misconceptions, result.misconceptions, labelled.misconceptions);
    part.answers++;
    if (!verbose) continue;
    const diff = (got: readonly string[], want: readonly string[]): string[] => [
      ...got.filter((id) => !want.includes(id)).map((id) => `+${id}`),
      ...want.filter((id) => !got.includes(id)).map((id) => `-${id}`),
    ];
    const wrong = [
      ...diff(result.covered, labelled.covered),
      ...diff(result.misconceptions, labelled.misconceptions),
    ];
    if (wrong.length > 0) console.log(`${set.part} ${labelled.id}: ${wrong.join(" ")}`);
  }
}

const format = (scores: Scores): string =>
  `precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  ` +
  `F1 ${scores.f1.toFixed(3)}  (support ${scores.support})`;

let passed = true;
for (const name of onlyPart === undefined ? ["dev", "held-out"] : [onlyPart]) {
  const part = parts.get(name);
  if (!part) {
    console.log(`${name}: no labelled answers`);
    passed = false;
    continue;
  }
  const keyPoints = scoresOf(part.keyPoints);
  const misconceptions = scoresOf(part.misconceptions);
  console.log(`${name} (${part.answers} answers)`);
  console.log(`  key points      ${format(keyPoints)}`);
  console.log(`  misconceptions  ${format(misconceptions)}`);
  if (name === "held-out") {
    passed =
      keyPoints.f1 >= targets.keyPointF1 &&
      misconceptions.precision >= targets.misconceptionPrecision &&
      misconceptions.recall >= targets.misconceptionRecall;
  }
}
if (onlyPart === "dev") process.exit(passed ? 0 : 1);
console.log(
  passed
    ? "held-out part meets the targets"
    : `held-out part misses the targets (key-point F1 >= ${targets.keyPointF1}, misconception ` +
        `precision >= ${targets.misconceptionPrecision}, recall >= ${targets.misconceptionRecall})`,
);
process.exit(passed ? 0 : 1);
