/**
 * The runbook scenario against the reference facts (../shared/reference: 03-get-pod-yaml,
 * 05-describe-pod, 08-describe-node, 09-get-events, 06-logs-previous).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event, Node, Pod } from "kubernetes-types/core/v1.d.ts";
import { createCluster, listScenarios, scenario } from "../../../../src/sandbox/scenarios/index.ts";

const cluster = createCluster(scenario("runbook"), 7);
const badNode = cluster.faultNodes[0] ?? "";
const pods = cluster.store.list<Pod>("pods", { namespace: "default" });
const badPods = pods.filter((p) => p.spec?.nodeName === badNode);
const goodPods = pods.filter((p) => p.spec?.nodeName !== badNode);

test("the runbook scenario is listed", () => {
  assert.ok(listScenarios().some((s) => s.name === "runbook"));
});

test("three Ready nodes with kubelet v1.32 and containerd 1.7 as describe node shows them", () => {
  const nodes = cluster.store.list<Node>("nodes");
  assert.deepEqual(
    nodes.map((n) => n.metadata?.name),
    ["node-1", "node-2", "node-3"],
  );
  for (const node of nodes) {
    assert.equal(node.status?.nodeInfo?.kubeletVersion, "v1.32.0");
    assert.equal(node.status.nodeInfo.containerRuntimeVersion, "containerd://1.7.13");
    assert.equal(node.status.nodeInfo.kernelVersion, "6.1.0-18-amd64");
    assert.equal(node.status.nodeInfo.osImage, "Ubuntu 22.04.4 LTS");
    assert.equal(node.status.capacity?.["pods"], "110");
    assert.deepEqual(
      node.status.conditions?.map((c) => [c.type, c.status, c.reason, c.message]),
      [
        [
          "MemoryPressure",
          "False",
          "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available",
        ],
        ["DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
        ["PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
        ["Ready", "True", "KubeletReady", "kubelet is posting ready status"],
      ],
    );
    assert.deepEqual(
      node.status.addresses?.map((a) => a.type),
      ["InternalIP", "Hostname"],
    );
    assert.equal(node.metadata?.labels?.["kubernetes.io/hostname"], node.metadata?.name);
  }
  assert.equal(nodes[0]?.metadata?.labels?.["node-role.kubernetes.io/control-plane"], "");
});

test("kube-proxy runs on every node, owned by its DaemonSet", () => {
  const proxies = cluster.store.list<Pod>("pods", {
    namespace: "kube-system",
    labelSelector: "k8s-app=kube-proxy",
  });
  assert.deepEqual(proxies.map((p) => p.spec?.nodeName).sort(), ["node-1", "node-2", "node-3"]);
  for (const p of proxies) {
    assert.match(p.metadata?.name ?? "", /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(p.metadata?.ownerReferences?.[0]?.kind, "DaemonSet");
    assert.equal(p.status?.phase, "Running");
  }
});

test("the webapp pods fail with StartError 128 on one worker only", () => {
  assert.ok(badNode === "node-2" || badNode === "node-3");
  assert.ok(badPods.length > 0);
  assert.ok(goodPods.length > 0);
  for (const pod of badPods) {
    const status = pod.status?.containerStatuses?.[0];
    assert.equal(pod.status?.phase, "Running");
    assert.equal(status?.ready, false);
    assert.equal(status.started, false);
    assert.equal(status.state?.waiting?.reason, "CrashLoopBackOff");
    const uid = pod.metadata?.uid ?? "";
    assert.match(
      status.state.waiting.message ?? "",
      new RegExp(
        `^back-off (10s|20s|40s|1m20s|2m40s|5m0s) restarting failed container=webapp pod=${pod.metadata?.name ?? ""}_default\\(${uid}\\)$`,
      ),
    );
    const terminated = status.lastState?.terminated;
    assert.equal(terminated?.exitCode, 128);
    assert.equal(terminated.reason, "StartError");
    assert.equal(terminated.startedAt, "1970-01-01T00:00:00Z");
    assert.match(terminated.message ?? "", /^failed to create containerd task: /);
    assert.match(terminated.containerID ?? "", /^containerd:\/\/[0-9a-f]{64}$/);
    assert.ok(status.restartCount >= 4);
    assert.match(status.imageID, /^registry\.example\.com\/webapp@sha256:[0-9a-f]{64}$/);
    const ready = pod.status.conditions?.find((c) => c.type === "Ready");
    assert.equal(ready?.message, "containers with unready status: [webapp]");
    assert.equal(ready.reason, "ContainersNotReady");
  }
  for (const pod of goodPods) {
    assert.equal(pod.status?.containerStatuses?.[0]?.ready, true);
    assert.ok(pod.status.containerStatuses[0].state?.running?.startedAt);
  }
});

test("pods carry the API server's defaults and their ReplicaSet owner", () => {
  const pod = pods[0];
  assert.ok(pod);
  assert.equal(pod.spec?.dnsPolicy, "ClusterFirst");
  assert.equal(pod.spec.schedulerName, "default-scheduler");
  assert.equal(pod.spec.terminationGracePeriodSeconds, 30);
  assert.equal(pod.spec.containers[0]?.terminationMessagePath, "/dev/termination-log");
  assert.equal(pod.spec.containers[0].imagePullPolicy, "IfNotPresent");
  assert.deepEqual(
    pod.spec.tolerations?.map((t) => t.key),
    ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"],
  );
  assert.match(pod.spec.volumes?.[0]?.name ?? "", /^kube-api-access-[a-z0-9]{5}$/);
  assert.equal(pod.metadata?.ownerReferences?.[0]?.kind, "ReplicaSet");
  const hash = pod.metadata.labels?.["pod-template-hash"] ?? "";
  assert.equal(pod.metadata.generateName, `webapp-${hash}-`);
  assert.equal(pod.status?.qosClass, "BestEffort");
  assert.match(
    pod.metadata.uid ?? "",
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.match(pod.metadata.creationTimestamp ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test("events are aggregated with the kubelet's and scheduler's texts", () => {
  const pod = badPods[0];
  assert.ok(pod);
  const name = pod.metadata?.name ?? "";
  const events = cluster.store.list<Event>("events", {
    namespace: "default",
    fieldSelector: `involvedObject.name=${name}`,
  });
  const byReason = new Map(events.map((e) => [e.reason, e]));
  assert.equal(
    byReason.get("Scheduled")?.message,
    `Successfully assigned default/${name} to ${badNode}`,
  );
  assert.equal(byReason.get("Scheduled")?.source?.component, "default-scheduler");
  assert.equal(
    byReason.get("Pulled")?.message,
    'Container image "registry.example.com/webapp:1.4.2" already present on machine',
  );
  assert.equal(byReason.get("Created")?.message, "Created container: webapp");
  assert.equal(byReason.get("Failed")?.type, "Warning");
  assert.match(byReason.get("Failed")?.message ?? "", /^Error: failed to create containerd task: /);
  assert.equal(
    byReason.get("BackOff")?.message,
    `Back-off restarting failed container webapp in pod ${name}_default(${pod.metadata?.uid ?? ""})`,
  );
  assert.equal(byReason.get("Failed")?.source?.host, badNode);
  assert.equal(byReason.get("Failed")?.involvedObject.fieldPath, "spec.containers{webapp}");
  const failed = byReason.get("Failed")?.count ?? 0;
  assert.ok(failed >= 5, `Failed x${failed}`);
  assert.equal(byReason.get("Created")?.count, failed);
  assert.ok((byReason.get("BackOff")?.count ?? 0) > failed);
  assert.notEqual(byReason.get("BackOff")?.firstTimestamp, byReason.get("BackOff")?.lastTimestamp);
  assert.equal(byReason.has("Started"), false);
});

test("logs: the StartError instance wrote nothing, and a waiting container serves that run", () => {
  const pod = badPods[0];
  assert.ok(pod);
  const name = pod.metadata?.name ?? "";
  assert.deepEqual(cluster.podLogs("default", name, "webapp", { previous: true }), []);
  // validateContainerLogStatus: waiting with a last terminated run reads that run, not an error.
  assert.deepEqual(cluster.podLogs("default", name, "webapp"), []);
  const good = goodPods[0]?.metadata?.name ?? "";
  assert.deepEqual(
    cluster.podLogs("default", good, undefined).map((l) => l.text),
    ["starting webapp v1.4.2", "connected to cache at redis:6379", "listening on :8080"],
  );
  assert.throws(
    () => cluster.podLogs("default", good, "webapp", { previous: true }),
    (e: unknown) =>
      e instanceof Error &&
      e.message === `previous terminated container "webapp" in pod "${good}" not found`,
  );
});

test("the same seed builds the same cluster; another seed renames things", () => {
  const again = createCluster(scenario("runbook"), 7);
  assert.deepEqual(JSON.stringify(again.snapshot()), JSON.stringify(cluster.snapshot()));
  const other = createCluster(scenario("runbook"), 8);
  assert.notDeepEqual(
    other.store.list<Pod>("pods").map((p) => p.metadata?.name),
    cluster.store.list<Pod>("pods").map((p) => p.metadata?.name),
  );
});

test("kube-proxy runs on the host network: each pod's IPs are its node's InternalIP", () => {
  // As on a kubeadm cluster (`kubectl get pods -n kube-system -o wide` lists kube-proxy with the
  // node addresses), while ordinary pods get addresses from the node's pod CIDR.
  const proxies = cluster.store
    .list<Pod>("pods", { namespace: "kube-system" })
    .filter((p) => p.metadata?.labels?.["k8s-app"] === "kube-proxy");
  assert.equal(proxies.length, 3);
  for (const pod of proxies) {
    const node = cluster.store.read<Node>("nodes", undefined, pod.spec?.nodeName ?? "");
    const internal = node?.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
    assert.ok(internal !== undefined && !internal.startsWith("10.244."));
    assert.equal(pod.spec?.hostNetwork, true);
    const { podIP, podIPs, hostIP } = pod.status ?? {};
    assert.equal(podIP, internal);
    assert.deepEqual(podIPs, [{ ip: internal }]);
    assert.equal(hostIP, internal);
  }
  for (const pod of pods) assert.match(pod.status?.podIP ?? "", /^10\.244\./);
});
