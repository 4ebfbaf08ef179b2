import { parse } from "yaml";
import type { z } from "zod";
import {
  evalSetSchema,
  interviewQuestionSchema,
  type EvalSet,
  type InterviewQuestion,
} from "../../schemas/interview.ts";

/** A content file that does not match its schema: names the file, the field and the problem. */
export class ContentError extends Error {
  override readonly name = "ContentError";
}

function describeIssues(source: string, error: z.ZodError): string {
  const lines = error.issues.map(
    (issue) => `  ${issue.path.length > 0 ? issue.path.join(".") : "(file)"}: ${issue.message}`,
  );
  return `${source} is not valid:\n${lines.join("\n")}`;
}

function parseYaml(text: string, source: string): unknown {
  try {
    return parse(text) as unknown;
  } catch (error) {
    throw new ContentError(`${source} is not valid YAML: ${(error as Error).message}`);
  }
}

/** Parses and validates one question file (content/interview/<id>.yaml). */
export function parseQuestion(text: string, source: string): InterviewQuestion {
  const result = interviewQuestionSchema.safeParse(parseYaml(text, source));
  if (!result.success) throw new ContentError(describeIssues(source, result.error));
  const expectedId = /([^/]+)\.ya?ml$/.exec(source)?.[1];
  if (expectedId !== undefined && expectedId !== result.data.id) {
    throw new ContentError(
      `${source}: id is ${result.data.id} but the file name says ${expectedId}`,
    );
  }
  return result.data;
}

/** Parses and validates one labelled evaluation file (content/interview/eval/*.yaml). */
export function parseEvalSet(text: string, source: string): EvalSet {
  const result = evalSetSchema.safeParse(parseYaml(text, source));
  if (!result.success) throw new ContentError(describeIssues(source, result.error));
  return result.data;
}
