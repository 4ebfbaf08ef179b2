import assert from "node:assert/strict";
import { test } from "node:test";
import { FixtureCluster, kubectl, normalizeAges, transcript } from "./fixture.ts";

for (const name of [
  "01-get-pods",
  "02-get-pods-wide",
  "03-get-pod-yaml",
  "04-jsonpath",
  "07-get-nodes",
  "07b-get-nodes-wide",
  "09-get-events",
  "09b-get-events-wide",
]) {
  test(`golden: ${name}`, async () => {
    const expected = transcript(name);
    const result = await kubectl(new FixtureCluster(), expected.command);
    assert.equal(normalizeAges(result.output), normalizeAges(expected.output));
    assert.equal(result.exitCode, expected.exitCode);
  });
}

for (const name of ["05-describe-pod", "08-describe-node"]) {
  test(`golden: ${name}`, async () => {
    const expected = transcript(name);
    const result = await kubectl(new FixtureCluster(), expected.command);
    assert.equal(normalizeAges(result.output), normalizeAges(expected.output));
    assert.equal(result.exitCode, expected.exitCode);
  });
}
