import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { lessonSchema } from "./schemas/lesson.ts";

const lessons = defineCollection({
  loader: glob({ pattern: "**/*.mdx", base: "./content/lessons" }),
  schema: lessonSchema,
});

export const collections = { lessons };
