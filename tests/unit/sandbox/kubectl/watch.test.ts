import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { FixtureCluster, kubectl, normalizeAges, transcript } from "./fixture.ts";

/**
 * 15-get-pods-watch: the table, then one row per change of a pod created, started and deleted
 * while kubectl watched, aligned with the first rows; Ctrl-C ends it.
 */
test("golden: 15 get pods -w streams rows until Ctrl-C", async () => {
  const cluster = new FixtureCluster();
  const expected = transcript("15-get-pods-watch");
  const controller = new AbortController();
  const pending = kubectl(cluster, expected.command, { signal: controller.signal });
  await Promise.resolve();
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "watch-demo", namespace: "default", labels: { run: "watch-demo" } },
    spec: { containers: [{ name: "watch-demo", image: "nginx" }] },
    status: { phase: "Pending" },
  };
  cluster.store.create("pods", pod);
  cluster.store.mutate<Pod>("pods", "default", "watch-demo", (p) => {
    p.spec = { ...p.spec, containers: p.spec?.containers ?? [], nodeName: "node-2" };
  });
  cluster.advance(1000);
  const running = cluster.store.get<Pod>("pods", "default", "watch-demo");
  cluster.store.update("pods", {
    ...running,
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True" }],
      containerStatuses: [
        {
          name: "watch-demo",
          image: "nginx",
          imageID: "",
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: "2026-11-24T20:31:19Z" } },
        },
      ],
    },
  });
  cluster.advance(1000);
  cluster.store.mutate<Pod>("pods", "default", "watch-demo", (p) => {
    p.metadata = {
      ...p.metadata,
      deletionTimestamp: "2026-11-24T20:31:50Z",
      deletionGracePeriodSeconds: 30,
    };
  });
  cluster.advance(1000);
  cluster.store.delete("pods", "default", "watch-demo");
  controller.abort();
  const result = await pending;
  assert.equal(normalizeAges(result.output), normalizeAges(expected.output));
});
