import type { LessonFrontmatter } from "../../schemas/lesson.ts";

/** The course's sections in reading order, with the names the sidebar shows. */
export const courseSections: readonly {
  readonly id: LessonFrontmatter["section"];
  readonly label: string;
}[] = [
  { id: "basics", label: "Basics" },
  { id: "causes", label: "Causes" },
  { id: "procedure", label: "Procedure" },
  { id: "beyond", label: "Beyond the fix" },
];

export interface CourseLesson {
  readonly id: string;
  readonly data: Pick<LessonFrontmatter, "title" | "order" | "section" | "lab">;
}

/** Lessons in course order: by section, then by `order`. */
export function sortLessons<T extends CourseLesson>(lessons: readonly T[]): T[] {
  const rank = (lesson: CourseLesson): number =>
    courseSections.findIndex((s) => s.id === lesson.data.section);
  return [...lessons].sort((a, b) => rank(a) - rank(b) || a.data.order - b.data.order);
}

/** Key under which the browser remembers which lessons were opened. */
export const lessonsVisitedKey = "lessons-read";

/** Key under which the browser remembers which lessons were read to the end. */
export const lessonsFinishedKey = "lessons-finished";
