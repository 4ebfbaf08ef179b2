/**
 * reference/exit-codes.md (3) and seed-corrections.md (7): a broken containerd on one node fails
 * that node's containers with 128 while the same pod runs elsewhere; restarting the runtime on the
 * drained node fixes it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { build, pods } from "./fixture.ts";

const SHIM_ERROR =
  "failed to create containerd task: failed to create shim task: context deadline exceeded: unknown";

test("only the seeded node's pods fail, with StartError 128 and containerd's error", () => {
  const cluster = build([{ type: "runtime-failure" }], 11);
  const [bad] = cluster.faultNodes;
  assert.ok(bad === "node-2" || bad === "node-3");
  for (const pod of pods(cluster)) {
    const status = pod.status?.containerStatuses?.[0];
    if (pod.spec?.nodeName === bad) {
      assert.equal(status?.lastState?.terminated?.reason, "StartError");
      assert.equal(status.lastState.terminated.exitCode, 128);
      assert.equal(status.lastState.terminated.message, SHIM_ERROR);
    } else {
      assert.equal(status?.ready, true);
      assert.equal(status.restartCount, 0);
    }
  }
  const host = cluster.nodeHost(bad);
  assert.ok(host);
  assert.equal(host.criResponding(), false);
  const containerd = host
    .journal()
    .filter((e) => e.unit === "containerd.service")
    .map((e) => e.message);
  assert.ok(
    containerd.some((m) =>
      /^time="[^"]+\.\d{9}Z" level=error msg="StartContainer for \\"[0-9a-f]{64}\\" failed" error="failed to create containerd task: failed to create shim task: context deadline exceeded: unknown"$/.test(
        m,
      ),
    ),
  );
  assert.ok(
    containerd.some((m) => m.includes('level=warning msg="cleaning up after shim disconnected"')),
  );
  const kubelet = host
    .journal()
    .filter((e) => e.unit === "kubelet.service")
    .map((e) => e.message);
  assert.ok(
    kubelet.some((m) =>
      /^E1124 \d\d:\d\d:\d\d\.\d{6} +\d+ pod_workers\.go:1301\] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"webapp\\" with CrashLoopBackOff: \\"back-off /.test(
        m,
      ),
    ),
  );
  const other = cluster.nodeHost(bad === "node-2" ? "node-3" : "node-2");
  assert.equal(other?.criResponding(), true);
});

test("restarting containerd fixes the node; the history records whether it was drained", () => {
  const cluster = build([{ type: "runtime-failure" }], 11);
  const bad = cluster.faultNodes[0] ?? "";
  cluster.cordon(bad);
  for (const pod of pods(cluster).filter((p) => p.spec?.nodeName === bad))
    cluster.evictPod("default", pod.metadata?.name ?? "");
  cluster.advance(2_000);
  assert.equal(pods(cluster).filter((p) => p.spec?.nodeName === bad).length, 0, "drained");
  assert.equal(cluster.restartUnit(bad, "containerd"), true);
  const host = cluster.nodeHost(bad);
  assert.equal(host?.criResponding(), true);
  const systemd = host
    .journal()
    .filter((e) => e.identifier === "systemd")
    .map((e) => e.message);
  assert.ok(systemd.includes("Stopping containerd.service - containerd container runtime..."));
  assert.ok(systemd.includes("Started containerd.service - containerd container runtime."));
  const restart = cluster.historyEntries().find((e) => e.kind === "unit-restarted");
  assert.deepEqual(restart?.podsOnNode, []);
  assert.ok(cluster.historyEntries().some((e) => e.kind === "node-cordoned" && e.node === bad));
  assert.ok(cluster.historyEntries().some((e) => e.kind === "pod-deleted" && e.evicted));
  cluster.uncordon(bad);
  assert.ok(cluster.historyEntries().some((e) => e.kind === "node-uncordoned" && e.node === bad));
  // New pods on the repaired node start.
  cluster.create("pods", {
    metadata: { name: "probe", namespace: "default" },
    spec: {
      nodeName: bad,
      containers: [{ name: "web", image: "registry.example.com/webapp:1.4.2" }],
    },
  });
  cluster.advance(5_000);
  const probe = cluster.store.get<Pod>("pods", "default", "probe");
  assert.equal(probe?.status?.containerStatuses?.[0]?.ready, true);
});

test("pods that stay on the node recover after the restart, at their next back-off retry", () => {
  const cluster = build([{ type: "runtime-failure" }], 11);
  const bad = cluster.faultNodes[0] ?? "";
  cluster.restartUnit(bad, "containerd");
  const restart = cluster.historyEntries().find((e) => e.kind === "unit-restarted");
  assert.ok(restart !== undefined && restart.podsOnNode.length > 0, "restarted without draining");
  cluster.advance(5 * 60_000 + 5_000);
  for (const pod of pods(cluster))
    assert.equal(pod.status?.containerStatuses?.[0]?.ready, true, pod.metadata?.name);
});
