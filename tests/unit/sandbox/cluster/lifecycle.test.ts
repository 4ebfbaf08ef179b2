/** Graceful deletion, ReplicaSet replacement, cordon and scheduling (reference 10-delete-pod, 12-cordon, 14-drain). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event, Node, Pod } from "kubernetes-types/core/v1.d.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";

function healthy() {
  const spec = scenario("runbook");
  spec.faults = [];
  return createCluster(spec, 21);
}

test("delete: deletionTimestamp and Killing, then the pod is gone and its ReplicaSet replaces it", () => {
  const cluster = healthy();
  const before = cluster.store.list<Pod>("pods", { namespace: "default" });
  const victim = before[0]?.metadata?.name ?? "";
  const deleted = cluster.deletePod("default", victim);
  assert.ok(deleted.metadata?.deletionTimestamp);
  assert.equal(deleted.metadata.deletionGracePeriodSeconds, 30);
  const killing = cluster.store
    .list<Event>("events", {
      namespace: "default",
      fieldSelector: `involvedObject.name=${victim},reason=Killing`,
    })
    .at(0);
  assert.equal(killing?.message, "Stopping container webapp");
  cluster.advance(1_000);
  assert.equal(cluster.store.get("pods", "default", victim), undefined);
  const after = cluster.store.list<Pod>("pods", { namespace: "default" });
  assert.equal(after.length, before.length);
  const replacement = after.find((p) => !before.some((b) => b.metadata?.name === p.metadata?.name));
  assert.ok(replacement);
  const created = cluster.store.list<Event>("events", {
    namespace: "default",
    fieldSelector: "reason=SuccessfulCreate",
  });
  assert.ok(created.some((e) => e.message === `Created pod: ${replacement.metadata?.name ?? ""}`));
  assert.ok(
    cluster
      .historyEntries()
      .some((e) => e.kind === "pod-deleted" && e.name === victim && !e.evicted),
  );
});

test("grace period 0 removes the pod at once", () => {
  const cluster = healthy();
  const victim = cluster.store.list<Pod>("pods", { namespace: "default" })[0]?.metadata?.name ?? "";
  cluster.deletePod("default", victim, { gracePeriodSeconds: 0 });
  assert.equal(cluster.store.get("pods", "default", victim), undefined);
});

test("a cordoned node gets no new pods; the scheduler explains why when nothing fits", () => {
  const cluster = healthy();
  cluster.cordon("node-2");
  cluster.cordon("node-3");
  const node = cluster.store.get<Node>("nodes", undefined, "node-2");
  assert.equal(node?.spec?.unschedulable, true);
  cluster.create("pods", {
    metadata: { name: "stuck", namespace: "default" },
    spec: { containers: [{ name: "c", image: "busybox:1.36" }] },
  });
  const stuck = cluster.store.get<Pod>("pods", "default", "stuck");
  assert.equal(stuck?.spec?.nodeName, undefined);
  assert.equal(stuck?.status?.phase, "Pending");
  const failed = cluster.store.list<Event>("events", {
    namespace: "default",
    fieldSelector: "involvedObject.name=stuck,reason=FailedScheduling",
  })[0];
  assert.equal(
    failed?.message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
  cluster.uncordon("node-3");
  assert.equal(cluster.store.get<Pod>("pods", "default", "stuck")?.spec?.nodeName, "node-3");
});

test("DaemonSet pods tolerate cordons and a deleted one comes back on its node", () => {
  const cluster = healthy();
  cluster.cordon("node-2");
  const onNode2 = {
    namespace: "kube-system",
    labelSelector: "k8s-app=kube-proxy",
    fieldSelector: "spec.nodeName=node-2",
  };
  const proxy = cluster.store.list<Pod>("pods", onNode2)[0];
  cluster.deletePod("kube-system", proxy?.metadata?.name ?? "");
  cluster.advance(2_000);
  const again = cluster.store.list<Pod>("pods", onNode2);
  assert.equal(again.length, 1);
  assert.notEqual(again[0]?.metadata?.name, proxy?.metadata?.name);
});

test("a pod whose image is not on the node is pulled first", () => {
  const cluster = healthy();
  cluster.create("pods", {
    metadata: { name: "dbg", namespace: "default" },
    spec: {
      nodeName: "node-2",
      containers: [{ name: "debugger", image: "ubuntu", command: ["sleep", "3600"] }],
    },
  });
  cluster.advance(10_000);
  const reasons = cluster.store
    .list<Event>("events", { namespace: "default", fieldSelector: "involvedObject.name=dbg" })
    .map((e) => [e.reason, e.message]);
  assert.deepEqual(reasons[0], ["Pulling", 'Pulling image "ubuntu"']);
  assert.match(
    reasons[1]?.[1] ?? "",
    /^Successfully pulled image "ubuntu" in \d+\.\d{3}s \(\d+\.\d{3}s including waiting\)\. Image size: 29754290 bytes\.$/,
  );
  assert.deepEqual(reasons.slice(2), [
    ["Created", "Created container: debugger"],
    ["Started", "Started container debugger"],
  ]);
});
