/** reference/exit-codes.md: back-off 10 s, doubled after each failed restart up to 300 s; reset after 10 minutes of running. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { backoffSeconds } from "../../../../src/sandbox/cluster/crash-loop-backoff.ts";
import { createCluster } from "../../../../src/sandbox/scenarios/index.ts";

test("the back-off sequence is 10, 20, 40, 80, 160, then 300 s", () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 20].map(backoffSeconds),
    [10, 20, 40, 80, 160, 300, 300, 300],
  );
});

function crashing(runSeconds: number, warmupSeconds: number) {
  return createCluster(
    {
      name: "crash",
      warmupSeconds,
      nodes: [{ name: "node-1" }],
      images: [
        {
          name: "crash:1",
          entrypoint: ["/crash"],
          files: [{ path: "/crash" }],
          process: { exitValue: 1, runSeconds },
        },
      ],
      workloads: [{ kind: "Pod", name: "crash", containers: [{ name: "c", image: "crash:1" }] }],
    },
    1,
  );
}

test("restarts follow the back-off: gaps between an exit and the next start", () => {
  const cluster = crashing(0, 1500);
  const exits = cluster
    .historyEntries()
    .filter((e) => e.kind === "container-exited")
    .map((e) => e.atMs);
  const gaps = exits.slice(1).map((t, i) => Math.round((t - (exits[i] ?? 0)) / 1000));
  assert.deepEqual(gaps.slice(0, 7), [10, 20, 40, 80, 160, 300, 300]);
  const pod = cluster.store.get<Pod>("pods", "default", "crash");
  const status = pod?.status?.containerStatuses?.[0];
  assert.equal(status?.restartCount, exits.length - 1);
  assert.equal(status.lastState?.terminated?.reason, "Error");
  assert.equal(status.lastState.terminated.exitCode, 1);
});

test("a container that ran 10 minutes before failing starts again from 10 s", () => {
  const cluster = crashing(700, 2200);
  const exits = cluster
    .historyEntries()
    .filter((e) => e.kind === "container-exited")
    .map((e) => e.atMs);
  assert.ok(exits.length >= 3);
  // Each instance ran 700 s, so every failure is a "first" one: 10 s between exit and restart.
  const gaps = exits.slice(1).map((t, i) => Math.round((t - (exits[i] ?? 0)) / 1000) - 700);
  assert.deepEqual(
    gaps,
    gaps.map(() => 10),
  );
});

test("back-off waiting messages name the current delay", () => {
  const cluster = crashing(0, 45);
  const message =
    cluster.store.get<Pod>("pods", "default", "crash")?.status?.containerStatuses?.[0]?.state
      ?.waiting?.message ?? "";
  assert.match(
    message,
    /^back-off 40s restarting failed container=c pod=crash_default\([0-9a-f-]{36}\)$/,
  );
});
