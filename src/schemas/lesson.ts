import { z } from "zod";

/** Frontmatter of a runbook lesson in content/lessons/*.mdx. */
export const lessonSchema = z
  .object({
    title: z
      .string()
      .min(1)
      .describe("The lesson's title, shown as its heading and in navigation."),
    description: z
      .string()
      .min(1)
      .max(200)
      .describe("One sentence shown under the title on the home page and in search results."),
    order: z
      .number()
      .int()
      .nonnegative()
      .describe("Position in the course; lessons are listed by ascending order."),
    section: z
      .enum(["basics", "causes", "procedure", "beyond"])
      .describe("Which part of the course the lesson belongs to, for grouping in the sidebar."),
    objectives: z
      .array(z.string().min(1))
      .min(1)
      .describe("What the learner can do after the lesson; shown as a list at the top."),
    lab: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional()
      .describe("Id of the hands-on lab that practises this lesson (a folder name in labs/)."),
    minutes: z.number().int().positive().optional().describe("Estimated reading time in minutes."),
    variables: z
      .boolean()
      .default(false)
      .describe(
        "Show the runbook variables form (pod, node, image, namespace) at the top; its values fill every command on the page.",
      ),
  })
  // A misspelt field (`objective:`, `labs:`) fails the build instead of being ignored.
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
