import assert from "node:assert/strict";
import { test } from "node:test";
import { VirtualClock } from "../../../../src/sandbox/cluster/clock.ts";
import { SeededRandom } from "../../../../src/sandbox/cluster/random.ts";
import {
  ObjectStore,
  StoreError,
  TooOldResourceVersionError,
  type KubeObject,
  type WatchEvent,
} from "../../../../src/sandbox/cluster/store.ts";

function store() {
  return new ObjectStore(new VirtualClock(Date.parse("2026-11-24T20:21:17Z")), new SeededRandom(1));
}

test("create fills uid, resourceVersion, creationTimestamp and a generateName suffix", () => {
  const s = store();
  const pod: KubeObject = s.create("pods", {
    metadata: { generateName: "web-6f7d8c9b5-", namespace: "default" },
  });
  assert.match(pod.metadata?.name ?? "", /^web-6f7d8c9b5-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(pod.metadata?.creationTimestamp, "2026-11-24T20:21:17Z");
  assert.equal(pod.metadata.resourceVersion, "1001");
  assert.equal(s.resourceVersion(), "1001");
});

test("errors carry the API server's reasons and messages", () => {
  const s = store();
  s.create("pods", { metadata: { name: "a", namespace: "default" } });
  assert.throws(
    () => s.create("pods", { metadata: { name: "a", namespace: "default" } }),
    (e: unknown) =>
      e instanceof StoreError && e.code === 409 && e.message === 'pods "a" already exists',
  );
  assert.throws(
    () => s.delete("pods", "default", "b"),
    (e: unknown) => e instanceof StoreError && e.code === 404 && e.message === 'pods "b" not found',
  );
  const stale = s.get("pods", "default", "a");
  s.update("pods", { ...stale, metadata: { ...stale?.metadata, labels: { x: "1" } } });
  assert.throws(
    () => s.update("pods", stale ?? {}),
    (e: unknown) => e instanceof StoreError && e.reason === "Conflict",
  );
});

test("reads are copies or frozen: nobody changes the store behind its back", () => {
  const s = store();
  s.create("pods", { metadata: { name: "a", namespace: "default", labels: { app: "x" } } });
  const copy = s.get("pods", "default", "a");
  if (copy?.metadata?.labels) copy.metadata.labels["app"] = "changed";
  assert.equal(s.get("pods", "default", "a")?.metadata?.labels?.["app"], "x");
  assert.equal(Object.isFrozen(s.read("pods", "default", "a")), true);
});

test("watch streams changes and replays those after a resourceVersion", () => {
  const s = store();
  s.create("pods", { metadata: { name: "a", namespace: "default" } });
  const from = s.resourceVersion();
  s.create("pods", { metadata: { name: "b", namespace: "other" } });
  s.create("pods", { metadata: { name: "c", namespace: "default" } });
  const seen: string[] = [];
  const stop = s.watch("pods", { namespace: "default", resourceVersion: from }, (e: WatchEvent) =>
    seen.push(`${e.type} ${e.object.metadata?.name ?? ""}`),
  );
  s.delete("pods", "default", "a");
  stop();
  s.delete("pods", "default", "c");
  assert.deepEqual(seen, ["ADDED c", "DELETED a"]);
});

test("a watch from before the kept window fails as the watch cache does (410 too old)", () => {
  const s = store();
  s.create("pods", { metadata: { name: "first", namespace: "default" } });
  const early = s.resourceVersion();
  for (let i = 0; i < 600; i++) s.create("configmaps", { metadata: { name: `c${String(i)}` } });
  // 601 changes after version 1000; the window keeps the last 500: 1102..1601.
  assert.throws(() => s.watch("pods", { resourceVersion: early }, () => undefined), {
    name: "TooOldResourceVersionError",
    message: "too old resource version: 1001 (1101)",
  });
  const error = (() => {
    try {
      s.watch("pods", { resourceVersion: early }, () => undefined);
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  assert.ok(error instanceof TooOldResourceVersionError);
  assert.equal((error as { code: number }).code, 410);
  const seen: string[] = [];
  const stop = s.watch("configmaps", { resourceVersion: "1101" }, (e) =>
    seen.push(e.object.metadata?.name ?? ""),
  );
  stop();
  assert.equal(seen.length, 500);
  assert.equal(seen[0], "c100");
});

test("list filters by namespace, labels and fields, sorted by namespace and name", () => {
  const s = store();
  s.create("pods", {
    metadata: { name: "b", namespace: "default", labels: { app: "web", tier: "1" } },
    spec: { nodeName: "node-2" },
  } as never);
  s.create("pods", {
    metadata: { name: "a", namespace: "default", labels: { app: "web" } },
    spec: { nodeName: "node-3" },
  } as never);
  s.create("pods", { metadata: { name: "c", namespace: "kube-system", labels: { app: "proxy" } } });
  const names = (o: { labelSelector?: string; fieldSelector?: string; namespace?: string }) =>
    s.list("pods", o).map((p) => p.metadata?.name);
  assert.deepEqual(names({}), ["a", "b", "c"]);
  assert.deepEqual(names({ namespace: "default" }), ["a", "b"]);
  assert.deepEqual(names({ labelSelector: "app=web,tier" }), ["b"]);
  assert.deepEqual(names({ labelSelector: "app in (proxy, db)" }), ["c"]);
  assert.deepEqual(names({ labelSelector: "!tier" }), ["a", "c"]);
  assert.deepEqual(names({ fieldSelector: "spec.nodeName=node-2" }), ["b"]);
  assert.deepEqual(names({ fieldSelector: "metadata.namespace!=default" }), ["c"]);
  assert.throws(() => s.list("pods", { fieldSelector: "spec.foo=bar" }), {
    message: "field label not supported: spec.foo",
  });
});
