import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event, Node, Pod } from "kubernetes-types/core/v1.d.ts";
import { kubectl } from "../kubectl/fixture.ts";
import { build, pods, RUNC_PREFIX } from "./fixture.ts";

test("memory pressure: OOMKilled 137 first, then StartError 128 when runc init is OOM-killed", () => {
  const cluster = build([{ type: "resource-pressure" }], 4);
  const bad = cluster.faultNodes[0] ?? "";
  const node = cluster.store.get<Node>("nodes", undefined, bad);
  const pressure = node?.status?.conditions?.find((c) => c.type === "MemoryPressure");
  assert.equal(pressure?.status, "True");
  assert.equal(pressure.reason, "KubeletHasInsufficientMemory");
  assert.equal(pressure.message, "kubelet has insufficient memory available");
  assert.ok(
    node?.spec?.taints?.some(
      (t) => t.key === "node.kubernetes.io/memory-pressure" && t.effect === "NoSchedule",
    ),
  );
  const failing = pods(cluster).filter((p) => p.spec?.nodeName === bad);
  assert.ok(failing.length > 0);
  for (const pod of failing) {
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(terminated?.reason, "StartError");
    assert.equal(terminated.exitCode, 128);
    assert.equal(
      terminated.message,
      `${RUNC_PREFIX}container init was OOM-killed (memory limit too low?): unknown`,
    );
    const exits = cluster
      .historyEntries()
      .filter((e) => e.kind === "container-exited" && e.pod === pod.metadata?.name);
    assert.deepEqual(
      exits[0] && exits[0].kind === "container-exited" ? [exits[0].exitCode, exits[0].reason] : [],
      [137, "OOMKilled"],
    );
  }
  const host = cluster.nodeHost(bad);
  assert.ok(host?.kernelLog().some((k) => k.message.startsWith("Out of memory: Killed process ")));
  assert.match(host?.readFile("/proc/meminfo") ?? "", /^MemAvailable: +\d{1,6} kB$/m);
  // kube-proxy keeps running: system pods are the OOM killer's last choice.
  const proxy = cluster.store
    .list<Pod>("pods", { namespace: "kube-system" })
    .find((p) => p.spec?.nodeName === bad);
  assert.equal(proxy?.status?.containerStatuses?.[0]?.ready, true);
});

test("the scheduler keeps new pods off the tainted node", () => {
  const cluster = build([{ type: "resource-pressure" }], 4);
  const bad = cluster.faultNodes[0] ?? "";
  cluster.create("pods", {
    metadata: { name: "newcomer", namespace: "default" },
    spec: { containers: [{ name: "web", image: "registry.example.com/webapp:1.4.2" }] },
  });
  const placed = cluster.store.get<Pod>("pods", "default", "newcomer");
  assert.notEqual(placed?.spec?.nodeName, bad);
});

test("the kubelet's node events name the node without a namespace, so describe node finds them", () => {
  const cluster = build([{ type: "resource-pressure" }], 4);
  const bad = cluster.faultNodes[0] ?? "";
  const events = cluster.store
    .list<Event>("events", {})
    .filter((e) => e.involvedObject.kind === "Node" && e.involvedObject.name === bad);
  const pressure = events.find((e) => e.reason === "NodeHasInsufficientMemory");
  assert.equal(pressure?.metadata.namespace, "default");
  // The kubelet's node reference (kubelet.go): Kind Node, Name and UID the node's name, no namespace.
  assert.deepEqual(
    [pressure.involvedObject.namespace, pressure.involvedObject.uid],
    [undefined, bad],
  );
  assert.equal(pressure.message, `Node ${bad} status is now: NodeHasInsufficientMemory`);
});

test("describe node: a batch workload pinned to the node overcommits its memory (Allocated resources)", async () => {
  const cluster = build([{ type: "resource-pressure" }], 4);
  const bad = cluster.faultNodes[0] ?? "";
  const hog = cluster.store
    .list<Pod>("pods", { namespace: "batch" })
    .find((p) => p.spec?.nodeName === bad);
  const resources = hog?.spec?.containers[0]?.resources;
  assert.deepEqual(resources, {
    limits: { cpu: "3", memory: "12Gi" },
    requests: { cpu: "1500m", memory: "6Gi" },
  });
  // Its pod is Burstable (requests below limits): the QoS class names its cgroup slice.
  assert.equal(hog?.status?.qosClass, "Burstable");
  const { output } = await kubectl(cluster, `kubectl describe node ${bad}`);
  const allocated = output.slice(output.indexOf("Allocated resources:"));
  // describe.go: percentages of allocatable (8145440Ki - 100Mi), limits may pass 100%.
  // (metrics-server may run there too, with its own requests.)
  const memory = /\n {2}memory +(\S+) \((\d+)%\) +12Gi \(156%\)\n/.exec(allocated);
  assert.ok(memory, allocated);
  assert.ok(Number(memory[2]) >= 78);
  assert.match(
    output,
    /\n {2}batch +report-builder-[a-z0-9]+-[a-z0-9]{5} +1500m \(37%\) +3 \(75%\) +6Gi \(78%\) +12Gi \(156%\) +/,
  );
});
