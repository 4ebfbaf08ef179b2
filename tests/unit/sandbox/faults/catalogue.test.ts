import assert from "node:assert/strict";
import { test } from "node:test";
import { faultSpecSchema } from "../../../../src/schemas/scenario.ts";
import { faultModule, listFaults } from "../../../../src/sandbox/faults/index.ts";

test("every fault type the schema accepts has a module that documents its symptom", () => {
  const types = faultSpecSchema.options.map((option) => option.shape.type.value).sort();
  assert.deepEqual(
    listFaults()
      .map((m) => m.type)
      .sort(),
    types,
  );
  for (const type of types) {
    const module = faultModule(type);
    assert.ok(module.symptom.length > 40, type);
    assert.ok(
      module.prepare ?? module.beforeWorkloads ?? module.afterWorkloads,
      `${type} does something`,
    );
  }
});
