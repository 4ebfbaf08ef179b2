import assert from "node:assert/strict";
import { test } from "node:test";
import {
  matchesLabels,
  parseLabelSelector,
  SelectorError,
} from "../../../../src/sandbox/cluster/selectors.ts";

const labels = { app: "web", tier: "frontend", replicas: "3" };

test("label selector operators match like the API server's", () => {
  const cases: [string, boolean][] = [
    ["app=web", true],
    ["app==web", true],
    ["app!=web", false],
    ["app!=db", true],
    ["missing!=x", true],
    ["app in (web,db)", true],
    ["app notin (web)", false],
    ["tier", true],
    ["!tier", false],
    ["replicas>2", true],
    ["replicas<3", false],
    ["app=web,tier=backend", false],
    ["", true],
  ];
  for (const [selector, expected] of cases)
    assert.equal(matchesLabels(labels, parseLabelSelector(selector)), expected, selector);
});

test("malformed selectors are rejected with a SelectorError", () => {
  for (const bad of ["app in web", "=web", "app=we b", "replicas>x"]) {
    assert.throws(() => parseLabelSelector(bad), SelectorError, bad);
  }
});
