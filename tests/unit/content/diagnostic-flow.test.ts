import assert from "node:assert/strict";
import { test } from "node:test";
import {
  diagnosticFlow,
  flowStart,
  flowStep,
} from "../../../src/components/lesson/diagnostic-flow.ts";
import { lessonIds } from "./lesson-files.ts";

const causeLessons = lessonIds().filter((id) => id.startsWith("cause-"));

/** Every path from the start, as the list of step ids it visits. */
function paths(from: string, seen: readonly string[] = []): string[][] {
  const step = flowStep(from);
  assert.ok(!seen.includes(from), `the flow loops at ${from}`);
  if (step.kind === "outcome") return [[...seen, from]];
  return [...paths(step.yes, [...seen, from]), ...paths(step.no, [...seen, from])];
}

test("the flow reaches a lesson for every cause, and only lessons that exist", () => {
  const reached = new Set(paths(flowStart).map((path) => flowStep(path.at(-1) ?? "")));
  const lessons = new Set([...reached].map((step) => (step.kind === "outcome" ? step.lesson : "")));
  assert.deepEqual([...lessons].sort(), [...causeLessons].sort());
  assert.equal(causeLessons.length, 7);
});

test("every step is reachable and every answer points at a step", () => {
  const visited = new Set(paths(flowStart).flat());
  assert.deepEqual(
    diagnosticFlow.filter((step) => !visited.has(step.id)).map((step) => step.id),
    [],
  );
});

test("a start failure that follows the node with runtime errors leads to the runtime lesson", () => {
  const step = (id: string, answer: "yes" | "no"): string => {
    const current = flowStep(id);
    assert.equal(current.kind, "question");
    return current[answer];
  };
  const end = step(step(step(flowStart, "yes"), "yes"), "yes");
  const outcome = flowStep(end);
  assert.equal(outcome.kind === "outcome" ? outcome.lesson : "", "cause-runtime-failure");
});
