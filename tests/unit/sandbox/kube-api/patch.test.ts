import assert from "node:assert/strict";
import { test } from "node:test";
import {
  jsonPatch,
  mergePatch,
  strategicMergePatch,
} from "../../../../src/sandbox/kube-api/patch.ts";

test("JSON merge patch (RFC 7386): null deletes, objects merge, arrays replace", () => {
  assert.deepEqual(
    mergePatch({ a: "b", c: { d: "e", f: "g" }, l: [1, 2] }, { a: "z", c: { f: null }, l: [3] }),
    { a: "z", c: { d: "e" }, l: [3] },
  );
});

test("strategic merge patch merges containers by name and env by name, keeping the rest", () => {
  const target = {
    spec: {
      containers: [
        { name: "app", image: "app:1", env: [{ name: "A", value: "1" }] },
        { name: "side", image: "side:1" },
      ],
    },
  };
  const patched = strategicMergePatch(target, {
    spec: { containers: [{ name: "app", image: "app:2", env: [{ name: "B", value: "2" }] }] },
  });
  assert.deepEqual(patched, {
    spec: {
      containers: [
        {
          name: "app",
          image: "app:2",
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "2" },
          ],
        },
        { name: "side", image: "side:1" },
      ],
    },
  });
});

test("strategic merge patch: $patch delete removes a list element, unknown lists are replaced", () => {
  const target = {
    spec: { containers: [{ name: "a" }, { name: "b" }], tolerations: [{ key: "x" }] },
  };
  assert.deepEqual(
    strategicMergePatch(target, {
      spec: { containers: [{ name: "a", $patch: "delete" }], tolerations: [{ key: "y" }] },
    }),
    {
      spec: { containers: [{ name: "b" }], tolerations: [{ key: "y" }] },
    },
  );
});

test("kubectl rollout restart's patch adds the restartedAt annotation to the template", () => {
  const patched = strategicMergePatch(
    { spec: { template: { metadata: { labels: { app: "web" } } } } },
    {
      spec: {
        template: {
          metadata: {
            annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-24T20:36:50Z" },
          },
        },
      },
    },
  );
  assert.deepEqual(patched, {
    spec: {
      template: {
        metadata: {
          labels: { app: "web" },
          annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-24T20:36:50Z" },
        },
      },
    },
  });
});

test("JSON patch (RFC 6902): add, replace, remove, test, and a missing path is an error", () => {
  const doc = { metadata: { labels: { a: "1" } }, spec: { list: [1, 2] } };
  const out = jsonPatch(doc, [
    { op: "add", path: "/metadata/labels/b", value: "2" },
    { op: "replace", path: "/metadata/labels/a", value: "x" },
    { op: "remove", path: "/spec/list/0" },
    { op: "add", path: "/spec/list/-", value: 3 },
    { op: "test", path: "/metadata/labels/b", value: "2" },
  ]);
  assert.deepEqual(out, { metadata: { labels: { a: "x", b: "2" } }, spec: { list: [2, 3] } });
  assert.deepEqual(doc.metadata.labels, { a: "1" });
  assert.throws(
    () => jsonPatch(doc, [{ op: "replace", path: "/nope/x", value: 1 }]),
    /missing path/,
  );
});
