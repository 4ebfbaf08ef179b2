/**
 * What `ps` in a container lists: the PID namespace rules of the kubelet (own namespace by
 * default: the main process is PID 1; shareProcessNamespace: /pause is PID 1 and every container's
 * process shows, parents outside the namespace as PPID 0).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { build, faultScenario } from "../faults/fixture.ts";
import { createCluster } from "../../../../src/sandbox/scenarios/index.ts";

function withPod(shareProcessNamespace: boolean) {
  const cluster = build([]);
  cluster.create("pods", {
    metadata: { name: "two", namespace: "default" },
    spec: {
      nodeName: "node-2",
      ...(shareProcessNamespace ? { shareProcessNamespace: true } : {}),
      containers: [
        { name: "app", image: "busybox:1.36", command: ["sleep", "3600"] },
        {
          name: "side",
          image: "busybox:1.36",
          command: ["sleep", "infinity"],
          securityContext: { runAsUser: 1000 },
        },
      ],
    },
  });
  cluster.advance(5_000);
  return cluster;
}

test("own PID namespace: the container's main process is PID 1, nothing of its neighbours", () => {
  const cluster = withPod(false);
  const view = cluster.containerProcesses("default", "two", "app");
  assert.deepEqual(
    view.processes.map((p) => [p.pid, p.ppid, p.user, p.argv.join(" ")]),
    [[1, 0, "root", "sleep 3600"]],
  );
  assert.ok(view.nextPid > 1);
  const side = cluster.containerProcesses("default", "two", "side");
  assert.deepEqual(
    side.processes.map((p) => [p.pid, p.user, p.argv.join(" ")]),
    [[1, "1000", "sleep infinity"]],
  );
});

test("shareProcessNamespace: /pause is PID 1 and both containers' processes are visible", () => {
  const cluster = withPod(true);
  const view = cluster.containerProcesses("default", "two", "side");
  assert.deepEqual(
    view.processes.map((p) => p.argv.join(" ")),
    ["/pause", "sleep 3600", "sleep infinity"],
  );
  assert.equal(view.processes[0]?.pid, 1);
  assert.ok(view.processes.every((p) => p.ppid === 0));
  const pids = view.processes.map((p) => p.pid);
  assert.deepEqual(
    pids,
    [...pids].sort((a, b) => a - b),
  );
  assert.ok(view.nextPid > (pids.at(-1) ?? 0));
});

test("a container that is not running sees no processes; an unknown pod neither", () => {
  const cluster = createCluster(faultScenario([]), 3);
  cluster.create("pods", {
    metadata: { name: "done", namespace: "default" },
    spec: {
      nodeName: "node-2",
      restartPolicy: "Never",
      containers: [{ name: "c", image: "busybox:1.36", command: ["true"] }],
    },
  });
  cluster.advance(5_000);
  assert.deepEqual(cluster.containerProcesses("default", "done", "c").processes, []);
  assert.deepEqual(cluster.containerProcesses("default", "nope", "c").processes, []);
});

test("CPU time grows with the time the process runs", () => {
  const cluster = withPod(false);
  const before = cluster.containerProcesses("default", "two", "app").processes[0]?.cpuMs ?? 0;
  cluster.advance(60_000);
  const after = cluster.containerProcesses("default", "two", "app").processes[0]?.cpuMs ?? 0;
  assert.ok(after > before);
});
