import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import {
  evalFiles,
  loadEvalFile,
  loadEvalSets,
} from "../../../../src/grading/interview/load-content.ts";
import { ContentError } from "../../../../src/grading/interview/parse-question.ts";

const answer = (part: string, question = "q-one"): string =>
  `question: ${question}\npart: ${part}\nanswers:\n  - id: a1\n    style: prose\n` +
  `    answer: An answer.\n    covered: []\n    misconceptions: []\n`;

function evalDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "interview-eval-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test("the part of an eval file comes from its name: <question>.dev*.yaml, <question>.held-out*.yaml", () => {
  const dir = evalDir({
    "q-one.dev.yaml": answer("dev"),
    "q-one.dev-spoken.yaml": answer("dev"),
    "q-one.held-out.yaml": answer("held-out"),
    "q-one.held-out-2.yaml": answer("held-out"),
    "q-two.held-out-2.yml": answer("held-out", "q-two"),
  });
  const named = (part?: "dev" | "held-out"): string[] =>
    evalFiles(part, dir).map((file) => `${file.question} ${file.part}`);
  assert.deepEqual(named("dev"), ["q-one dev", "q-one dev"]);
  assert.deepEqual(named("held-out"), ["q-one held-out", "q-one held-out", "q-two held-out"]);
  assert.equal(named().length, 5);
});

test("choosing the dev part never reads a held-out file", () => {
  const dir = evalDir({
    "q-one.dev.yaml": answer("dev"),
    // Unreadable on purpose: reading it would throw.
    "q-one.held-out-2.yaml": "question: [",
  });
  assert.deepEqual(
    loadEvalSets("dev", dir).map((set) => set.part),
    ["dev"],
  );
  assert.throws(() => loadEvalSets("held-out", dir), ContentError);
});

test("an eval file whose content disagrees with its name, or an unknown name, is an error", () => {
  const dir = evalDir({ "q-one.dev.yaml": answer("held-out") });
  const [file] = evalFiles("dev", dir);
  assert.ok(file);
  assert.throws(() => loadEvalFile(file), /file name says question q-one, part dev/);
  const odd = evalDir({ "q-one.yaml": answer("dev") });
  assert.throws(() => evalFiles(undefined, odd), /<question>\.dev\*\.yaml/);
});

test("npm run interview:eval -- --part dev prints per-question figures and nothing held-out", () => {
  const cli = resolve(import.meta.dirname, "../../../../src/server/cli/interview-eval.ts");
  const result = spawnSync(process.execPath, [cli, "--part", "dev", "--verbose"], {
    encoding: "utf8",
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^dev\n(?: {2}.*\n)* {2}exit-128-explain \(\d+ answers\)/m);
  assert.match(result.stdout, /all questions \(\d+ answers\)/);
  assert.doesNotMatch(result.stdout, /held-out/);
});
