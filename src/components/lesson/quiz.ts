import { z } from "zod";

/** Props of <Quiz> in a lesson, checked when the page builds so a typo fails with a clear message. */
export const quizSchema = z.object({
  question: z.string().min(1).describe("The question, one sentence."),
  options: z
    .array(
      z.object({
        text: z.string().min(1).describe("The answer as the learner reads it."),
        correct: z.boolean().describe("Whether this answer is right; exactly one per question."),
        why: z
          .string()
          .min(1)
          .describe("Feedback shown after choosing this answer: why it is right or wrong."),
      }),
    )
    .min(2)
    .refine((options) => options.filter((option) => option.correct).length === 1, {
      message: "exactly one option must have correct: true",
    })
    .describe("Two or more answers, exactly one of them correct."),
});

export type QuizProps = z.infer<typeof quizSchema>;

/** Validates <Quiz> props, or throws an error that names the question and the wrong field. */
export function parseQuiz(props: unknown): QuizProps {
  const result = quizSchema.safeParse(props);
  if (result.success) return result.data;
  const question =
    typeof props === "object" && props !== null
      ? (props as { question?: unknown }).question
      : undefined;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "props"}: ${issue.message}`,
  );
  throw new Error(`<Quiz question=${JSON.stringify(question)}> is invalid: ${problems.join("; ")}`);
}
