import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { scenarioSpecSchema } from "../../../../src/schemas/scenario.ts";
import { causeIds, labSchema } from "../../../../src/schemas/lab.ts";
import { LABS_DIR, loadLabs, loadScenario } from "../../../../src/grading/lab/load-labs.ts";
import { unknownPlaceholders } from "../../../../src/grading/lab/template.ts";

const labs = loadLabs();
const REQUIRED_IDS = [...causeIds, "incident-drill"];

test("labs/ holds one lab per cause and the capstone, each valid", () => {
  assert.deepEqual(labs.map((lab) => lab.id).sort(), [...REQUIRED_IDS].sort());
});

test("every lab asks for the root cause from the list of cause ids", () => {
  for (const lab of labs) {
    const rootCause = lab.tasks.find((task) => task.id === "root-cause");
    assert.ok(rootCause, lab.id);
    const answer = rootCause.checks.find((check) => "answer" in check);
    assert.ok(answer && "answer" in answer, lab.id);
    assert.deepEqual(answer.choices, [...causeIds], lab.id);
  }
});

test("the capstone's seed chooses among every cause", () => {
  const drill = labs.find((lab) => lab.id === "incident-drill");
  assert.equal(drill?.cause, "seeded");
  assert.deepEqual(new Set(drill.variants.map((v) => v.cause)), new Set(causeIds));
});

test("every placeholder in a lab names a fact of each variant", () => {
  for (const lab of labs)
    for (const variant of lab.variants) {
      const facts = Object.fromEntries(
        ["cause", "seed", ...Object.keys(variant.facts)].map((name) => [name, "x"]),
      );
      const texts = [
        ...variant.solution,
        ...variant.wrongPaths.flatMap((path) => path.lines),
        ...lab.tasks.flatMap((task) => [...task.hints, JSON.stringify(task.checks)]),
      ];
      for (const text of texts)
        assert.deepEqual(unknownPlaceholders(text, facts), [], `${lab.id}: ${text}`);
    }
});

test("every scenario file is a valid scenario for the engine", () => {
  for (const lab of labs)
    for (const variant of lab.variants) {
      const result = scenarioSpecSchema.safeParse(loadScenario(lab, variant));
      assert.ok(result.success, `${lab.id}: ${variant.scenario}`);
    }
});

test("every lab has its instructions and the files it offers for editing", () => {
  for (const lab of labs) {
    assert.ok(existsSync(join(LABS_DIR, lab.id, "instructions.mdx")), lab.id);
    for (const file of lab.files) assert.ok(existsSync(join(LABS_DIR, lab.id, file)), file);
  }
});

test("a lab without a root-cause task is rejected with a message that says so", () => {
  const lab = structuredClone(labs[0]);
  assert.ok(lab);
  lab.tasks = lab.tasks.filter((task) => task.id !== "root-cause");
  const result = labSchema.safeParse(lab);
  assert.equal(result.success, false);
  assert.match(JSON.stringify(result.error.issues), /root-cause/);
});
