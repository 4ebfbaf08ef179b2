/**
 * `npm run interview -- --question ID --answer-file FILE [--json]`: checks one answer against a
 * question of content/interview/. With --json it prints exactly
 * {"covered": [...], "missed": [...], "misconceptions": [...], "score": N, "evidence": {...}};
 * without it, a short readable report. `--answer-file -` reads the answer from standard input.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkAnswer } from "../../grading/interview/check-answer.ts";
import { loadQuestions } from "../../grading/interview/load-content.ts";

const usage =
  "usage: npm run interview -- --question ID --answer-file FILE [--json]\n" +
  "       (--answer-file - reads the answer from standard input)";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let values: { question?: string | undefined; "answer-file"?: string | undefined; json?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      question: { type: "string" },
      "answer-file": { type: "string" },
      json: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const questionId = values.question;
const answerFile = values["answer-file"];
if (questionId === undefined || answerFile === undefined) fail(usage);

const questions = loadQuestions();
const question = questions.get(questionId);
if (!question) {
  fail(`unknown question "${questionId}"; known: ${[...questions.keys()].join(", ")}`);
}

let answer: string;
try {
  answer = readFileSync(answerFile === "-" ? 0 : answerFile, "utf8");
} catch (error) {
  fail(`cannot read the answer file: ${(error as Error).message}`);
}

let result: ReturnType<typeof checkAnswer>;
try {
  result = checkAnswer(question, answer);
} catch (error) {
  fail((error as Error).message);
}

/** JSON on one line with a space after ":" and ",", the shape issue 8 shows. */
function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${spacedJson(item)}`,
    );
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value);
}

if (values.json) {
  const { covered, missed, misconceptions, score, evidence } = result;
  process.stdout.write(`${spacedJson({ covered, missed, misconceptions, score, evidence })}\n`);
} else {
  const statement = (id: string): string =>
    question.keyPoints.find((point) => point.id === id)?.statement ??
    question.misconceptions.find((item) => item.id === id)?.statement ??
    id;
  const lines = [`${question.title}: score ${result.score}/100`, ""];
  for (const id of result.covered) lines.push(`covered  ${id}: "${result.evidence[id] ?? ""}"`);
  for (const id of result.missed) lines.push(`missed   ${id}: ${statement(id)}`);
  for (const id of result.misconceptions) {
    const why = question.misconceptions.find((item) => item.id === id)?.whyWrong ?? "";
    lines.push(`wrong    ${id}: "${result.evidence[id] ?? ""}"\n         ${why}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}
