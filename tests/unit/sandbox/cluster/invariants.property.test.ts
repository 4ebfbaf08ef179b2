/**
 * Property test: for random seeds and random learner actions, the cluster keeps Kubernetes'
 * invariants, and the same seed with the same actions gives the same state.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Event, Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster } from "../../../../src/sandbox/cluster/cluster.ts";
import { MAX_BACKOFF_SECONDS } from "../../../../src/sandbox/cluster/crash-loop-backoff.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";

type Action =
  | { kind: "delete"; pick: number }
  | { kind: "evict"; pick: number }
  | { kind: "cordon" | "uncordon" | "restart-containerd"; node: number }
  | { kind: "advance"; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant("evict" as const), pick: fc.nat(50) }),
  fc.record({
    kind: fc.constantFrom("cordon" as const, "uncordon" as const, "restart-containerd" as const),
    node: fc.nat(2),
  }),
  fc.record({
    kind: fc.constant("advance" as const),
    ms: fc.integer({ min: 1, max: 15 * 60_000 }),
  }),
);

function apply(cluster: Cluster, a: Action): void {
  const nodes = cluster.nodeNames();
  if (a.kind === "advance") {
    cluster.advance(a.ms);
    return;
  }
  if (a.kind === "delete" || a.kind === "evict") {
    const live = cluster.store
      .list<Pod>("pods")
      .filter((p) => p.metadata?.deletionTimestamp === undefined);
    const pod = live[a.pick % Math.max(1, live.length)];
    if (!pod) return;
    const ns = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    if (a.kind === "delete") cluster.deletePod(ns, name);
    else cluster.evictPod(ns, name);
    return;
  }
  const node = nodes[a.node % nodes.length] ?? "node-1";
  if (a.kind === "cordon") cluster.cordon(node);
  else if (a.kind === "uncordon") cluster.uncordon(node);
  else cluster.restartUnit(node, "containerd");
}

function checkInvariants(
  cluster: Cluster,
  restarts: Map<string, number>,
  lastNow: { ms: number },
): void {
  const now = cluster.clock.now();
  assert.ok(now >= lastNow.ms, "the clock never goes back");
  lastNow.ms = now;
  // A pod's containers live on one node only.
  const nodeOfPod = new Map<string, string>();
  for (const node of cluster.nodeNames()) {
    for (const c of cluster.nodeHost(node)?.criContainers() ?? []) {
      const other = nodeOfPod.get(c.podUid);
      assert.ok(
        other === undefined || other === node,
        `pod ${c.podName} on ${other ?? ""} and ${node}`,
      );
      nodeOfPod.set(c.podUid, node);
    }
  }
  for (const pod of cluster.store.list<Pod>("pods")) {
    const uid = pod.metadata?.uid ?? "";
    if (pod.spec?.nodeName !== undefined && nodeOfPod.has(uid))
      assert.equal(nodeOfPod.get(uid), pod.spec.nodeName);
    assert.ok(Date.parse(pod.metadata?.creationTimestamp ?? "") <= now);
    for (const status of [
      ...(pod.status?.containerStatuses ?? []),
      ...(pod.status?.initContainerStatuses ?? []),
    ]) {
      const key = `${uid}/${status.name}`;
      assert.ok(status.restartCount >= (restarts.get(key) ?? 0), "restartCount never decreases");
      restarts.set(key, status.restartCount);
      const backoff = /^back-off (?:(\d+)m)?(\d+)s /.exec(status.state?.waiting?.message ?? "");
      if (backoff)
        assert.ok(
          Number(backoff[1] ?? 0) * 60 + Number(backoff[2]) <= MAX_BACKOFF_SECONDS,
          "back-off at most 5m",
        );
      const t = status.lastState?.terminated;
      if (t && t.startedAt !== "1970-01-01T00:00:00Z")
        assert.ok((t.startedAt ?? "") <= (t.finishedAt ?? ""));
    }
  }
  for (const event of cluster.store.list<Event>("events")) {
    assert.ok((event.firstTimestamp ?? "") <= (event.lastTimestamp ?? ""));
    assert.ok(Date.parse(event.lastTimestamp ?? "") <= now);
  }
  const history = cluster.historyEntries();
  for (let i = 1; i < history.length; i++)
    assert.ok((history[i]?.atMs ?? 0) >= (history[i - 1]?.atMs ?? 0), "history in time order");
}

test("invariants hold and runs are reproducible for random seeds and actions", () => {
  const spec = scenario("runbook");
  spec.warmupSeconds = 120;
  fc.assert(
    fc.property(fc.nat(10_000), fc.array(action, { maxLength: 8 }), (seed, actions) => {
      const run = () => {
        const cluster = createCluster(spec, seed);
        const restarts = new Map<string, number>();
        const lastNow = { ms: cluster.clock.now() };
        checkInvariants(cluster, restarts, lastNow);
        for (const a of actions) {
          apply(cluster, a);
          checkInvariants(cluster, restarts, lastNow);
        }
        return JSON.stringify(cluster.snapshot());
      };
      assert.equal(run(), run(), "same seed and actions, same state");
    }),
    { numRuns: 25, seed: 20261125 },
  );
});
