import { z } from "zod";

/** Lesson slugs of the runbook (content/lessons/<slug>.mdx), the only valid link targets. */
export const lessonSlugs = [
  "what-exit-128-means",
  "container-status",
  "symptoms",
  "cause-invalid-exit-value",
  "cause-exec-failure",
  "cause-runtime-failure",
  "cause-pid-limit",
  "cause-cgroup-failure",
  "cause-resource-pressure",
  "cause-git-init-container",
  "troubleshooting-procedure",
  "prevention",
  "interview",
  "related-exit-codes",
] as const;

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case words joined by hyphens")
  .describe("A stable identifier: lower-case words joined by hyphens.");

/**
 * One way people say something, in the checker's phrase notation: groups joined by " + " must all
 * appear in the same sentence (in any order, close together); within a group, alternatives are
 * separated by "|". An alternative is one or more words; a trailing "*" matches any word ending
 * ("fail*" matches fails, failed, failure); "#137" matches the number 137 however it was written
 * or spoken. Example: "runtime|containerd + fail*|could not + start*".
 */
export const phrasingSchema = z
  .string()
  .min(1)
  .refine((text) => text.split(" + ").every((group) => group.trim().length > 0), {
    message: 'every " + " group needs at least one alternative',
  })
  .describe(
    'A way of saying it: groups joined by " + " must all occur in one sentence; alternatives ' +
      'within a group are separated by "|"; "word*" matches word endings; "#137" matches the ' +
      "number 137 written or spoken.",
  );

export const keyPointSchema = z.object({
  id: id.describe("Identifier of the key point, reported by the checker and the eval set."),
  statement: z
    .string()
    .min(1)
    .describe("What a good answer says, in one sentence; shown to the learner when missed."),
  weight: z
    .number()
    .positive()
    .max(10)
    .describe("Relative importance in the score; the score is weighted coverage."),
  says: z
    .array(phrasingSchema)
    .describe(
      "The ways people say it. A sentence matching any one of them covers the point. May be " +
        "empty only for the key point that factChecks.signalPairs covers.",
    ),
  lesson: z
    .enum(lessonSlugs)
    .describe("Slug of the lesson that teaches this point; linked from the feedback when missed."),
});

export const misconceptionSchema = z.object({
  id: id.describe("Identifier of the misconception, conventionally starting with 'm-'."),
  statement: z.string().min(1).describe("The wrong claim, as a learner would state it."),
  whyWrong: z
    .string()
    .min(1)
    .describe("Why the claim is wrong and what is true instead; shown when the learner states it."),
  says: z
    .array(phrasingSchema)
    .describe(
      "Ways people state the wrong claim. A negated statement ('128 is not an OOM') never counts.",
    ),
  penalty: z
    .number()
    .int()
    .min(0)
    .max(50)
    .default(15)
    .describe("Points taken off the 0-100 score when the learner states this misconception."),
  contradicts: id
    .optional()
    .describe(
      "A key point that states the truth this misconception denies: a sentence covering it " +
        "does not also state the misconception ('126 means permission denied because the " +
        "execute bit is missing' is no claim that 126 means missing).",
    ),
  overrides: z
    .array(id)
    .default([])
    .describe(
      "Key points a sentence stating this misconception does not cover: its words there rest " +
        "on the wrong claim ('restart the pod; if it comes up fine the node was the problem' " +
        "compares nothing on purpose, so it is no comparison of nodes).",
    ),
  unlessSaid: z
    .array(phrasingSchema)
    .default([])
    .describe(
      "Qualifications: a sentence that also says one of these does not state the misconception " +
        "('137 is SIGKILL, usually the OOM killer' is no claim that 137 always means OOM).",
    ),
});

export const factChecksSchema = z
  .object({
    signalPairs: z
      .object({
        keyPoint: id
          .optional()
          .describe("Key point covered by a correct pair such as '137 = SIGKILL' (128 + 9)."),
        misconception: id
          .optional()
          .describe("Misconception reported for a wrong pair such as '137 means SIGTERM'."),
        byCode: z
          .array(
            z.object({
              code: z.number().int().min(129).max(159),
              keyPoint: id,
            }),
          )
          .optional()
          .describe(
            "Key points about one code: a correct pair with this code ('143 is SIGTERM') covers " +
              "this key point instead of keyPoint.",
          ),
      })
      .optional()
      .describe("Check stated pairs of exit code and signal against code = 128 + signal number."),
    exitRange: z
      .object({
        misconception: id.describe(
          "Misconception reported when an answer states a range of exit values other than 0-255.",
        ),
        overrides: z
          .array(id)
          .default([])
          .describe(
            "Key points a sentence stating a wrong range does not cover: their words there " +
              "('it wraps', 'keep to small values') rest on the wrong range.",
          ),
      })
      .optional()
      .describe("Check stated ranges of exit values ('exit codes go up to 127') against 0-255."),
  })
  .default({})
  .describe("Numeric facts the checker verifies with rules instead of phrase lists.");

export const interviewQuestionSchema = z
  .object({
    id: id.describe("Identifier of the question; the file is content/interview/<id>.yaml."),
    title: z.string().min(1).describe("Short name of the question, shown in the picker."),
    prompt: z.string().min(1).describe("The question as an interviewer would ask it."),
    order: z.number().int().nonnegative().describe("Position in the question picker."),
    keyPoints: z
      .array(keyPointSchema)
      .min(1)
      .describe("What a complete answer covers; the score is their weighted coverage."),
    misconceptions: z
      .array(misconceptionSchema)
      .describe("Wrong claims the checker recognises and explains."),
    factChecks: factChecksSchema,
    modelAnswer: z
      .string()
      .min(1)
      .describe("A complete, correct answer, shown on demand after an attempt."),
    followUps: z
      .array(
        z.object({
          keyPoint: id.describe("The key point this follow-up probes when the learner missed it."),
          question: z.string().min(1).describe("The follow-up question an interviewer would ask."),
        }),
      )
      .min(1)
      .describe("Follow-up questions; a mock interview asks the ones whose key point was missed."),
  })
  .superRefine((question, context) => {
    const keyPointIds = new Set(question.keyPoints.map((point) => point.id));
    const misconceptionIds = new Set(question.misconceptions.map((item) => item.id));
    const unique = (ids: readonly string[], path: string): void => {
      const seen = new Set<string>();
      for (const value of ids) {
        if (seen.has(value))
          context.addIssue({ code: "custom", path: [path], message: `duplicate id ${value}` });
        seen.add(value);
      }
    };
    unique(
      question.keyPoints.map((point) => point.id),
      "keyPoints",
    );
    unique(
      question.misconceptions.map((item) => item.id),
      "misconceptions",
    );
    const mustExist = (
      value: string | undefined,
      known: Set<string>,
      path: (string | number)[],
    ): void => {
      if (value !== undefined && !known.has(value))
        context.addIssue({ code: "custom", path, message: `unknown id ${value}` });
    };
    const { signalPairs, exitRange } = question.factChecks;
    mustExist(signalPairs?.keyPoint, keyPointIds, ["factChecks", "signalPairs", "keyPoint"]);
    mustExist(signalPairs?.misconception, misconceptionIds, [
      "factChecks",
      "signalPairs",
      "misconception",
    ]);
    mustExist(exitRange?.misconception, misconceptionIds, ["factChecks", "exitRange"]);
    exitRange?.overrides.forEach((value, index) => {
      mustExist(value, keyPointIds, ["factChecks", "exitRange", "overrides", index]);
    });
    const pairKeyPoints = new Set([
      signalPairs?.keyPoint,
      ...(signalPairs?.byCode ?? []).map((entry) => entry.keyPoint),
    ]);
    signalPairs?.byCode?.forEach((entry, index) => {
      mustExist(entry.keyPoint, keyPointIds, ["factChecks", "signalPairs", "byCode", index]);
    });
    for (const [index, point] of question.keyPoints.entries()) {
      if (point.says.length === 0 && !pairKeyPoints.has(point.id))
        context.addIssue({
          code: "custom",
          path: ["keyPoints", index, "says"],
          message: "a key point needs at least one phrasing unless a fact check covers it",
        });
    }
    question.misconceptions.forEach((item, index) => {
      mustExist(item.contradicts, keyPointIds, ["misconceptions", index, "contradicts"]);
      item.overrides.forEach((value, at) => {
        mustExist(value, keyPointIds, ["misconceptions", index, "overrides", at]);
      });
    });
    question.followUps.forEach((followUp, index) => {
      mustExist(followUp.keyPoint, keyPointIds, ["followUps", index, "keyPoint"]);
    });
  })
  .describe("One interview question in content/interview/<id>.yaml.");

export type InterviewQuestion = z.infer<typeof interviewQuestionSchema>;
export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Misconception = z.infer<typeof misconceptionSchema>;

/** dev: used while tuning phrasings; held-out: never tuned against (see the file names). */
export const evalPartSchema = z.enum(["dev", "held-out"]);
export type EvalPart = z.infer<typeof evalPartSchema>;

/**
 * One labelled answer of the evaluation set (content/interview/eval/<question>.dev*.yaml or
 * <question>.held-out*.yaml).
 */
export const labelledAnswerSchema = z.object({
  id: z.string().min(1).describe("Identifier of the answer within its file."),
  style: z
    .enum(["prose", "bullets", "spoken", "keywords", "wrong-facts", "mixed", "terse", "long"])
    .describe("How the answer is written, to keep the set varied."),
  answer: z.string().min(1).describe("The candidate's answer, verbatim."),
  covered: z.array(id).describe("Key point ids a careful human grader says the answer covers."),
  misconceptions: z
    .array(id)
    .describe("Misconception ids a careful human grader says the answer states."),
});

export const evalSetSchema = z
  .object({
    question: id.describe("Id of the question the answers respond to."),
    part: evalPartSchema.describe(
      "dev: used while tuning phrasings; held-out: never tuned against.",
    ),
    answers: z.array(labelledAnswerSchema).min(1).describe("The labelled answers."),
  })
  .describe("A labelled evaluation set for the interview checker.");

export type LabelledAnswer = z.infer<typeof labelledAnswerSchema>;
export type EvalSet = z.infer<typeof evalSetSchema>;
