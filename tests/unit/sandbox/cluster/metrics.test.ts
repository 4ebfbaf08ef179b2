/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it (kubectl get --raw /apis/metrics.k8s.io/...):
 * NodeMetrics and PodMetrics objects, CPU in nanocores and memory in Ki as resource.Quantity
 * marshals them, data only for running containers after two scrapes (--metric-resolution=15s).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import {
  cpuQuantity,
  memoryQuantity,
  metricsAvailable,
  nodeMetrics,
  podMetrics,
} from "../../../../src/sandbox/cluster/metrics.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { build, pods } from "../faults/fixture.ts";

const CPU = /^\d+n$/;
const MEMORY = /^\d+(Ki|Mi)$/;
const WINDOW = /^\d+(\.\d{1,3})?s$/;
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
/** The fields in metrics-server's order (its JSON encoding of the Go structs). */
const HEAD_KEYS = ["kind", "apiVersion", "metadata", "timestamp", "window"];

function kib(quantity: string): number {
  const n = Number(/^\d+/.exec(quantity)?.[0]);
  return quantity.endsWith("Mi") ? n * 1024 : n;
}

test("quantities are canonical as resource.Quantity marshals them", () => {
  assert.equal(cpuQuantity(7_338_891), "7338891n");
  assert.equal(cpuQuantity(5_000_000), "5m");
  assert.equal(cpuQuantity(0), "0");
  assert.equal(memoryQuantity(14_868_480), "14520Ki");
  assert.equal(memoryQuantity(64 * 1024 * 1024), "64Mi");
});

test("every scenario runs metrics-server in kube-system", () => {
  const cluster = createCluster(scenario("runbook"), 1);
  const deployment = cluster.store.get("deployments", "kube-system", "metrics-server");
  assert.ok(deployment);
  const server = cluster.store.list<Pod>("pods", {
    namespace: "kube-system",
    labelSelector: "k8s-app=metrics-server",
  });
  assert.equal(server.length, 1);
  assert.equal(server[0]?.status?.phase, "Running");
  assert.equal(metricsAvailable(cluster), true);
});

test("NodeMetrics: one per node with the node's labels, the sample time and window", () => {
  const cluster = createCluster(scenario("runbook"), 1);
  const now = cluster.clock.now();
  const metrics = nodeMetrics(cluster);
  assert.deepEqual(
    metrics.map((m) => m.metadata.name),
    cluster.nodeNames(),
  );
  for (const m of metrics) {
    assert.deepEqual(Object.keys(m), [...HEAD_KEYS, "usage"]);
    assert.equal(m.kind, "NodeMetrics");
    assert.equal(m.apiVersion, "metrics.k8s.io/v1beta1");
    const node = cluster.store.get<Node>("nodes", undefined, m.metadata.name);
    assert.deepEqual(m.metadata.labels, node?.metadata?.labels);
    assert.match(m.metadata.creationTimestamp, TIME);
    assert.match(m.timestamp, TIME);
    // The latest sample is at most one resolution old.
    const age = now - Date.parse(m.timestamp);
    assert.ok(age >= 0 && age <= 20_000, `sample ${String(age)} ms old`);
    assert.match(m.window, WINDOW);
    const windowSeconds = Number.parseFloat(m.window);
    assert.ok(windowSeconds > 10 && windowSeconds < 20);
    assert.match(m.usage.cpu, CPU);
    assert.match(m.usage.memory, MEMORY);
    const capacityKi = kib(node?.status?.capacity?.["memory"] ?? "0");
    assert.ok(kib(m.usage.memory) < capacityKi * 0.5, "a healthy node is far from full");
  }
});

test("PodMetrics: only running containers, memory as the image uses it", () => {
  const cluster = build([]);
  const webapp = podMetrics(cluster, "default");
  assert.equal(webapp.length, pods(cluster).length);
  for (const m of webapp) {
    assert.deepEqual(Object.keys(m), [...HEAD_KEYS, "containers"]);
    assert.equal(m.kind, "PodMetrics");
    assert.equal(m.metadata.namespace, "default");
    assert.deepEqual(m.metadata.labels?.["app"], "webapp");
    assert.equal(m.containers.length, 1);
    const usage = m.containers[0]?.usage;
    assert.equal(m.containers[0]?.name, "webapp");
    assert.match(usage?.cpu ?? "", CPU);
    // The fixture's image grows to 64 MiB; the working set is that plus a few pages.
    const memory = kib(usage?.memory ?? "");
    assert.ok(memory >= 64 * 1024 && memory < 65 * 1024, `memory ${String(memory)}Ki`);
  }
  const all = podMetrics(cluster);
  assert.ok(all.some((m) => m.metadata.name.startsWith("kube-proxy-")));
  assert.ok(all.some((m) => m.metadata.name.startsWith("metrics-server-")));
});

test("a crash-looping pod has no metrics; a new pod appears about 15 s after it starts", () => {
  const cluster = createCluster(scenario("runbook"), 1);
  const listed = new Set(podMetrics(cluster, "default").map((m) => m.metadata.name));
  for (const pod of cluster.store.list<Pod>("pods", { namespace: "default" })) {
    const running = pod.status?.containerStatuses?.[0]?.state?.running !== undefined;
    assert.equal(listed.has(pod.metadata?.name ?? ""), running, pod.metadata?.name);
  }
  const healthy = cluster.faultNodes[0] === "node-2" ? "node-3" : "node-2";
  cluster.create("pods", {
    metadata: { name: "late", namespace: "default" },
    spec: { nodeName: healthy, containers: [{ name: "app", image: "nginx:1.27" }] },
  });
  cluster.advance(3_000);
  assert.ok(!podMetrics(cluster, "default").some((m) => m.metadata.name === "late"));
  cluster.advance(35_000);
  assert.ok(podMetrics(cluster, "default").some((m) => m.metadata.name === "late"));
});

test("without a running metrics-server there are no metrics until it has scraped twice", () => {
  const cluster = createCluster(scenario("runbook"), 1);
  const server = cluster.store.list<Pod>("pods", {
    namespace: "kube-system",
    labelSelector: "k8s-app=metrics-server",
  })[0];
  cluster.deletePod("kube-system", server?.metadata?.name ?? "", { gracePeriodSeconds: 0 });
  assert.equal(metricsAvailable(cluster), false);
  assert.deepEqual(nodeMetrics(cluster), []);
  assert.deepEqual(podMetrics(cluster), []);
  cluster.advance(40_000);
  assert.equal(metricsAvailable(cluster), true);
  assert.equal(nodeMetrics(cluster).length, cluster.nodeNames().length);
});

test("the resource-pressure node's memory is nearly all used; a fork bomb takes the CPU", () => {
  const pressure = build([{ type: "resource-pressure", node: "node-2" }]);
  const node2 = nodeMetrics(pressure).find((m) => m.metadata.name === "node-2");
  const node3 = nodeMetrics(pressure).find((m) => m.metadata.name === "node-3");
  const capacity = kib(
    pressure.store.get<Node>("nodes", undefined, "node-2")?.status?.capacity?.["memory"] ?? "0",
  );
  assert.ok(kib(node2?.usage.memory ?? "") > capacity * 0.95);
  assert.ok(kib(node3?.usage.memory ?? "") < capacity * 0.5);

  const forking = build([{ type: "pid-limit", node: "node-2", pidsMax: 4096 }]);
  const report = podMetrics(forking, "default").find((m) => m.metadata.name === "nightly-report");
  const cores = Number(/^\d+/.exec(report?.containers[0]?.usage.cpu ?? "")?.[0]) / 1e9;
  assert.ok(cores > 3, `nightly-report uses ${String(cores)} cores of 4`);
});

test("the same seed and time give the same metrics", () => {
  const a = createCluster(scenario("runbook"), 7);
  const b = createCluster(scenario("runbook"), 7);
  a.advance(61_000);
  b.advance(61_000);
  assert.deepEqual(nodeMetrics(a), nodeMetrics(b));
  assert.deepEqual(podMetrics(a), podMetrics(b));
});
