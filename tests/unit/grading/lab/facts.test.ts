import assert from "node:assert/strict";
import { test } from "node:test";
import { factSchema } from "../../../../src/schemas/lab.ts";
import { resolveFact } from "../../../../src/grading/lab/facts.ts";
import { FakeCluster, webPod, workerNode } from "./fake-cluster.ts";

const stranded = (field: "name" | "node") =>
  factSchema.parse({ from: "pod-on-not-ready-node", selector: "app=web", field });

/** A hung runtime's cluster after eviction: the old pod Terminating on the NotReady node, its replacement elsewhere. */
function evictedCluster(): FakeCluster {
  const cluster = new FakeCluster();
  cluster.add("nodes", workerNode("node-1", true));
  cluster.add("nodes", workerNode("node-2", true));
  cluster.add("nodes", workerNode("node-3", false));
  cluster.add("pods", webPod("web-a", "node-1", "running"));
  cluster.add("pods", webPod("web-b", "node-2", "running"));
  const evicted = webPod("web-c", "node-3", "running");
  evicted.metadata = { ...evicted.metadata, deletionTimestamp: "2026-11-24T20:27:17Z" };
  cluster.add("pods", evicted);
  return cluster;
}

test("pod-on-not-ready-node names the pod stranded on the NotReady node, even while it is Terminating", () => {
  const cluster = evictedCluster();
  assert.equal(resolveFact(stranded("name"), cluster), "web-c");
  assert.equal(resolveFact(stranded("node"), cluster), "node-3");
});

test("pod-on-not-ready-node finds nothing while every node is Ready", () => {
  const cluster = evictedCluster();
  cluster.remove("nodes", "node-3");
  cluster.add("nodes", workerNode("node-3", true));
  assert.equal(resolveFact(stranded("name"), cluster), undefined);
});

test("the other pod facts still skip Terminating pods", () => {
  const cluster = evictedCluster();
  cluster.remove("pods", "web-a");
  cluster.remove("pods", "web-b");
  const first = factSchema.parse({ from: "pod", selector: "app=web" });
  assert.equal(resolveFact(first, cluster), undefined);
});
