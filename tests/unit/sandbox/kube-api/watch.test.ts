/**
 * Watch and list resourceVersion semantics as kube-apiserver 1.32 applies them: bookmarks,
 * WatchList initial events, ListOptions validation texts (apimachinery
 * pkg/apis/meta/internalversion/validation), the cache's "Too large resource version" timeout and
 * etcd's 410 for an Exact list it no longer has.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fixtureCluster, type FixtureCluster } from "./fixture.ts";
import { at, json, send } from "./request.ts";

interface Event {
  type: string;
  object: {
    kind?: string;
    apiVersion?: string;
    metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
    reason?: string;
    message?: string;
    code?: number;
  };
}

function watch(
  cluster: FixtureCluster,
  url: string,
): { events: Event[]; bookmark: () => string | undefined; stop: () => void; ended: () => boolean } {
  const response = send(cluster, "GET", url);
  assert.equal(response.status, 200, response.body);
  const lines: string[] = [];
  let ended = false;
  const stream = response.stream;
  assert.ok(stream);
  const stop = stream.start(
    (chunk) => lines.push(chunk),
    () => {
      ended = true;
    },
  );
  return {
    get events() {
      return lines.map((line) => JSON.parse(line) as Event);
    },
    bookmark: () => stream.bookmark?.(),
    stop,
    ended: () => ended,
  };
}

test("allowWatchBookmarks: a BOOKMARK carries only the kind and the current resourceVersion", () => {
  const cluster = fixtureCluster();
  const version = cluster.store.resourceVersion();
  const w = watch(
    cluster,
    `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${version}&allowWatchBookmarks=true`,
  );
  cluster.store.create("pods", { metadata: { name: "late", namespace: "default" } });
  const line = w.bookmark();
  assert.ok(line?.endsWith("\n"));
  const event = JSON.parse(line ?? "") as Event;
  assert.equal(event.type, "BOOKMARK");
  assert.deepEqual(event.object, {
    kind: "Pod",
    apiVersion: "v1",
    metadata: { resourceVersion: cluster.store.resourceVersion(), creationTimestamp: null },
  });
  w.stop();
  const without = watch(
    cluster,
    `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${version}`,
  );
  assert.equal(without.bookmark(), undefined);
  without.stop();
});

test("sendInitialEvents: the current state as ADDED, then a bookmark marking the end of it", () => {
  const cluster = fixtureCluster();
  const w = watch(
    cluster,
    "/api/v1/namespaces/default/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true",
  );
  const events = w.events;
  assert.deepEqual(
    events.map((e) => e.type),
    ["ADDED", "BOOKMARK"],
  );
  assert.equal(events[0]?.object.metadata?.name, "webapp-6f7d8c9b5-abcde");
  assert.deepEqual(events[1]?.object.metadata?.annotations, {
    "k8s.io/initial-events-end": "true",
  });
  cluster.store.create("pods", { metadata: { name: "late", namespace: "default" } });
  assert.deepEqual(
    w.events.slice(2).map((e) => [e.type, e.object.metadata?.name]),
    [["ADDED", "late"]],
  );
  w.stop();
});

test("ListOptions the API server rejects: its Invalid Status, word for word", () => {
  const cluster = fixtureCluster();
  const cases: [string, string][] = [
    [
      "/api/v1/pods?resourceVersionMatch=Exact",
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    ],
    [
      "/api/v1/pods?resourceVersion=0&resourceVersionMatch=Exact",
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    ],
    [
      "/api/v1/pods?resourceVersion=5&resourceVersionMatch=Newest",
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
    ],
    [
      "/api/v1/pods?sendInitialEvents=true",
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    ],
    [
      "/api/v1/pods?watch=true&resourceVersionMatch=NotOlderThan",
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    ],
    [
      "/api/v1/pods?watch=true&sendInitialEvents=true",
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    ],
  ];
  for (const [url, message] of cases) {
    const response = send(cluster, "GET", url);
    assert.equal(response.status, 422, url);
    assert.equal(at(json(response), "reason"), "Invalid");
    assert.equal(at(json(response), "message"), message);
  }
});

test("a resourceVersion the store has not reached: the watch cache's 504 Timeout, for lists and watches", () => {
  const cluster = fixtureCluster();
  const current = cluster.store.resourceVersion();
  const future = String(Number(current) + 100);
  const list = send(cluster, "GET", `/api/v1/pods?resourceVersion=${future}`);
  assert.equal(list.status, 504);
  assert.equal(at(json(list), "reason"), "Timeout");
  assert.equal(
    at(json(list), "message"),
    `Timeout: Too large resource version: ${future}, current: ${current}`,
  );
  assert.equal(at(json(list), "details.retryAfterSeconds"), 1);
  const w = watch(cluster, `/api/v1/pods?watch=true&resourceVersion=${future}`);
  assert.deepEqual(
    w.events.map((e) => [e.type, e.object.kind, e.object.code, e.object.reason]),
    [["ERROR", "Status", 504, "Timeout"]],
  );
  assert.ok(w.ended());
});

test("resourceVersionMatch=Exact: the current version is served, an older one is etcd's 410 Gone", () => {
  const cluster = fixtureCluster();
  const current = cluster.store.resourceVersion();
  const exact = send(
    cluster,
    "GET",
    `/api/v1/pods?resourceVersion=${current}&resourceVersionMatch=Exact`,
  );
  assert.equal(exact.status, 200);
  const old = send(cluster, "GET", "/api/v1/pods?resourceVersion=3&resourceVersionMatch=Exact");
  assert.equal(old.status, 410);
  assert.equal(at(json(old), "reason"), "Gone");
  assert.equal(at(json(old), "message"), "The resourceVersion for the provided list is too old.");
  const notOlder = send(
    cluster,
    "GET",
    "/api/v1/pods?resourceVersion=3&resourceVersionMatch=NotOlderThan",
  );
  assert.equal(notOlder.status, 200);
});

test("a resourceVersion that is not a number is a BadRequest", () => {
  const response = send(fixtureCluster(), "GET", "/api/v1/pods?resourceVersion=abc");
  assert.equal(response.status, 400);
});

test("a watch from a resourceVersion older than the kept changes: ERROR 410 Expired, then the stream ends", () => {
  const cluster = fixtureCluster();
  const old = cluster.store.resourceVersion();
  // More changes than the store keeps for replay (500).
  for (let i = 0; i < 600; i++)
    cluster.store.create("configmaps", {
      metadata: { name: `c${String(i)}`, namespace: "default" },
    });
  const w = watch(cluster, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${old}`);
  const [event] = w.events;
  assert.equal(w.events.length, 1);
  assert.equal(event?.type, "ERROR");
  assert.equal(event.object.kind, "Status");
  assert.equal(event.object.code, 410);
  assert.equal(event.object.reason, "Expired");
  assert.match(
    event.object.message ?? "",
    new RegExp(`^too old resource version: ${old} \\(\\d+\\)$`),
  );
  assert.ok(w.ended());
  // A recent version still resumes.
  const recent = watch(
    cluster,
    `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${cluster.store.resourceVersion()}`,
  );
  assert.deepEqual(recent.events, []);
  assert.ok(!recent.ended());
  recent.stop();
});
