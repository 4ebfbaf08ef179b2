/**
 * Reads the interview content from disk, for Node only (the CLI, the tests and the site's build);
 * the checker itself never does I/O, so it also runs in the browser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EvalSet, InterviewQuestion } from "../../schemas/interview.ts";
import { parseEvalSet, parseQuestion } from "./parse-question.ts";

/** content/interview/ of this repository, found from this file (the CLI may run from anywhere). */
export function interviewContentDir(): string {
  return resolve(import.meta.dirname, "..", "..", "..", "content", "interview");
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
}

/** Every question in content/interview/, validated, by id. */
export function loadQuestions(dir = interviewContentDir()): Map<string, InterviewQuestion> {
  const questions = new Map<string, InterviewQuestion>();
  for (const name of yamlFiles(dir)) {
    const path = join(dir, name);
    const question = parseQuestion(readFileSync(path, "utf8"), path);
    questions.set(question.id, question);
  }
  return questions;
}

/** Every labelled evaluation set in content/interview/eval/, validated. */
export function loadEvalSets(dir = join(interviewContentDir(), "eval")): EvalSet[] {
  return yamlFiles(dir).map((name) => {
    const path = join(dir, name);
    return parseEvalSet(readFileSync(path, "utf8"), path);
  });
}
