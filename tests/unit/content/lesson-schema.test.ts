import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { lessonSchema } from "../../../src/schemas/lesson.ts";
import { quizSchema } from "../../../src/components/lesson/quiz.ts";
import { lessonIds, lessonSource } from "./lesson-files.ts";

const requiredSlugs = [
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
];

function frontmatter(id: string): unknown {
  return parse(/^---\n([\s\S]*?)\n---/.exec(lessonSource(id))?.[1] ?? "");
}

test("the course has exactly the lesson slugs the other pages link to", () => {
  assert.deepEqual(lessonIds().sort(), [...requiredSlugs].sort());
});

test("every lesson's frontmatter is valid", () => {
  for (const id of lessonIds()) {
    const result = lessonSchema.safeParse(frontmatter(id));
    assert.ok(result.success, `${id}: ${result.error?.message ?? ""}`);
  }
});

test("every frontmatter and quiz field is described for authors", () => {
  for (const [name, field] of Object.entries(lessonSchema.shape)) {
    assert.ok(field.description, `lesson field ${name} has no .describe()`);
  }
  for (const [name, field] of Object.entries(quizSchema.shape)) {
    assert.ok(field.description, `quiz field ${name} has no .describe()`);
  }
});

test("a wrong or misspelt field is reported with its name", () => {
  const good = frontmatter("symptoms") as Record<string, unknown>;
  const wrongType = lessonSchema.safeParse({ ...good, order: "three" });
  assert.deepEqual(
    wrongType.error?.issues.map((issue) => issue.path.join(".")),
    ["order"],
  );
  const misspelt = lessonSchema.safeParse({ ...good, objective: ["x"] });
  assert.match(misspelt.error?.issues[0]?.message ?? "", /objective/);
  const badSection = lessonSchema.safeParse({ ...good, section: "extras" });
  assert.deepEqual(
    badSection.error?.issues.map((issue) => issue.path.join(".")),
    ["section"],
  );
});

test("every lesson has a self-check, and each quiz has exactly one right answer", () => {
  for (const id of lessonIds()) {
    const source = lessonSource(id);
    const quizzes = source.match(/<Quiz\b[\s\S]*?\/>/g) ?? [];
    assert.ok(quizzes.length >= 1, `${id} has no <Quiz>`);
    for (const quiz of quizzes) {
      assert.equal((quiz.match(/correct: true/g) ?? []).length, 1, `${id}: ${quiz.slice(0, 80)}`);
    }
  }
});

test("cause lessons link their lab, and the labs are the ones the labs pages use", () => {
  const labs = [
    "invalid-exit-value",
    "exec-failure",
    "runtime-failure",
    "pid-limit",
    "cgroup-failure",
    "resource-pressure",
    "git-init-container",
  ];
  for (const lab of labs) {
    const data = frontmatter(`cause-${lab}`) as { lab?: string };
    assert.equal(data.lab, lab);
  }
  assert.equal(
    (frontmatter("troubleshooting-procedure") as { lab?: string }).lab,
    "incident-drill",
  );
});
