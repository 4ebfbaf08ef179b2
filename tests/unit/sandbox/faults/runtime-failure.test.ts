/**
 * reference/exit-codes.md (3) and seed-corrections.md (7): a broken containerd on one node fails
 * that node's containers with 128 while the same pod runs elsewhere; restarting the runtime on the
 * drained node fixes it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event, Node, Pod } from "kubernetes-types/core/v1.d.ts";
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
  // Only the shims fail: containerd answers CRI calls and the node stays Ready.
  assert.equal(host.criResponding(), true);
  const node = cluster.store.get<Node>("nodes", undefined, bad);
  assert.equal(node?.status?.conditions?.find((c) => c.type === "Ready")?.status, "True");
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

/**
 * containerd itself hung: kubernetes/kubernetes pkg/kubelet/runtime.go ("container runtime is
 * down" after 30 s), pleg/generic.go ("pleg was last seen active %v ago; threshold is %v", 3m0s),
 * nodestatus/setters.go (Ready False, KubeletNotReady, the aggregate "[a, b]" as message).
 */
test("a hung containerd: NotReady with the kubelet's runtime errors, taints, evictions, recovery", () => {
  const cluster = build([{ type: "runtime-failure", runtime: "containerd", node: "node-2" }], 11);
  const host = cluster.nodeHost("node-2");
  assert.equal(host?.criResponding(), false);
  const node = cluster.store.get<Node>("nodes", undefined, "node-2");
  const ready = node?.status?.conditions?.find((c) => c.type === "Ready");
  assert.equal(ready?.status, "False");
  assert.equal(ready.reason, "KubeletNotReady");
  assert.match(
    ready.message ?? "",
    /^\[container runtime is down, PLEG is not healthy: pleg was last seen active \d+m\d+(\.\d+)?s ago; threshold is 3m0s\]$/,
  );
  assert.deepEqual(
    node?.spec?.taints?.map((t) => `${t.key}:${t.effect}`),
    ["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"],
  );
  const journal = host.journal().map((e) => e.message);
  assert.ok(
    journal.some((m) =>
      /kubelet\.go:\d+\] "Skipping pod synchronization" err="\[container runtime is down, PLEG is not healthy: pleg was last seen active/.test(
        m,
      ),
    ),
  );
  const nodeEvents = cluster.store
    .list<Event>("events", { fieldSelector: "involvedObject.name=node-2" })
    .filter((e) => e.involvedObject.kind === "Node")
    .map((e) => `${e.reason ?? ""} ${e.message ?? ""}`);
  assert.ok(nodeEvents.includes("NodeNotReady Node node-2 status is now: NodeNotReady"));
  // The taint manager evicted the node's pods after 300 s; they wait in Terminating for the
  // kubelet, and the ReplicaSet replaced them on the other worker.
  const onBad = pods(cluster).filter((p) => p.spec?.nodeName === "node-2");
  assert.ok(onBad.length > 0);
  for (const pod of onBad) assert.notEqual(pod.metadata?.deletionTimestamp, undefined);
  const running = pods(cluster).filter((p) => p.spec?.nodeName === "node-3");
  assert.equal(running.length, 4);

  cluster.restartUnit("node-2", "containerd");
  cluster.advance(15_000);
  const healed = cluster.store.get<Node>("nodes", undefined, "node-2");
  assert.equal(healed?.status?.conditions?.find((c) => c.type === "Ready")?.status, "True");
  assert.equal(healed.spec?.taints, undefined);
  assert.equal(pods(cluster).filter((p) => p.spec?.nodeName === "node-2").length, 0);
});
