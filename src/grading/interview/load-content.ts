/**
 * Reads the interview content from disk, for Node only (the CLI, the tests and the site's build);
 * the checker itself never does I/O, so it also runs in the browser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EvalPart, EvalSet, InterviewQuestion } from "../../schemas/interview.ts";
import { ContentError, parseEvalSet, parseQuestion } from "./parse-question.ts";

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

/** One labelled evaluation file, known from its name before it is read. */
export interface EvalFile {
  readonly path: string;
  readonly question: string;
  readonly part: EvalPart;
}

/**
 * `<question>.dev*.yaml` is development data, `<question>.held-out*.yaml` held-out data
 * ("exit-128-explain.held-out-2.yaml"); a question may have several files of each part.
 */
const evalFileName = /^(?<question>[a-z0-9-]+)\.(?<part>dev|held-out)(?:[-.][a-z0-9-]+)?\.ya?ml$/;

/**
 * The labelled evaluation files in content/interview/eval/, of one part or of both, in name
 * order. The part comes from the file name, so choosing the dev part never reads a held-out
 * file. Throws a ContentError for a YAML file whose name follows neither pattern.
 */
export function evalFiles(part?: EvalPart, dir = join(interviewContentDir(), "eval")): EvalFile[] {
  return yamlFiles(dir).flatMap((name) => {
    const groups = evalFileName.exec(name)?.groups;
    const question = groups?.["question"];
    const filePart = groups?.["part"];
    if (question === undefined || (filePart !== "dev" && filePart !== "held-out")) {
      throw new ContentError(
        `${join(dir, name)}: an eval file is named <question>.dev*.yaml or <question>.held-out*.yaml`,
      );
    }
    if (part !== undefined && filePart !== part) return [];
    return [{ path: join(dir, name), question, part: filePart }];
  });
}

/** Reads and validates one eval file; its question and part must agree with its name. */
export function loadEvalFile(file: EvalFile): EvalSet {
  const set = parseEvalSet(readFileSync(file.path, "utf8"), file.path);
  if (set.question !== file.question || set.part !== file.part) {
    throw new ContentError(
      `${file.path}: says question ${set.question}, part ${set.part}, but the file name says ` +
        `question ${file.question}, part ${file.part}`,
    );
  }
  return set;
}

/** Every labelled evaluation set of one part (or of both), validated. */
export function loadEvalSets(part?: EvalPart, dir?: string): EvalSet[] {
  return evalFiles(part, dir).map(loadEvalFile);
}
