/** The node OS a learner reads with chroot /host ...: reference/real-output.md (journalctl, dmesg). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Lease } from "kubernetes-types/coordination/v1.d.ts";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";

const cluster = createCluster(scenario("runbook"), 3);
const bad = cluster.faultNodes[0] ?? "";
const host = cluster.nodeHost(bad);

test("journal entries carry unit, identifier, pid and the daemon's own line format", () => {
  assert.ok(host);
  const entries = host.journal();
  const containerd = entries.filter((e) => e.unit === "containerd.service");
  const kubelet = entries.filter((e) => e.unit === "kubelet.service");
  assert.ok(containerd.length > 10 && kubelet.length > 10);
  for (const e of containerd) {
    assert.equal(e.identifier, "containerd");
    assert.match(
      e.message,
      /^time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z" level=(info|warning|error) msg="/,
    );
    const stamp = /^time="([^"]+)"/.exec(e.message)?.[1] ?? "";
    assert.equal(Date.parse(stamp.replace(/(\.\d{3})\d{6}Z$/, "$1Z")), e.timeMs);
  }
  for (const e of kubelet) {
    assert.equal(e.identifier, "kubelet");
    assert.match(
      e.message,
      new RegExp(`^[IWE]\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +${e.pid} [a-z_]+\\.go:\\d+\\] "`),
    );
  }
  assert.equal(host.unit("containerd")?.activeState, "active");
  assert.equal(host.unit("kubelet.service")?.description, "kubelet: The Kubernetes Node Agent");
});

test("kernel ring buffer entries count seconds since boot", () => {
  assert.ok(host);
  const kernel = host.kernelLog();
  assert.match(kernel[0]?.message ?? "", /^Linux version 6\.1\.0-18-amd64 /);
  for (let i = 1; i < kernel.length; i++) assert.ok((kernel[i]?.secondsSinceBoot ?? 0) >= 0);
});

test("/proc and /sys files follow the node's state", () => {
  assert.ok(host);
  assert.equal(host.readFile("/etc/hostname"), `${bad}\n`);
  assert.match(host.readFile("/proc/uptime") ?? "", /^\d+\.\d\d \d+\.\d\d\n$/);
  assert.match(host.readFile("/etc/containerd/config.toml") ?? "", /SystemdCgroup = true/);
  assert.equal(host.readFile("/no/such/file"), undefined);
  assert.ok(host.files().includes("/sys/fs/cgroup/kubepods.slice/pids.current"));
});

test("crictl sees this node's containers only, with the pod they belong to", () => {
  const good = bad === "node-2" ? "node-3" : "node-2";
  const containers = cluster.nodeHost(good)?.criContainers() ?? [];
  const pods = cluster.store.list<Pod>("pods", { fieldSelector: `spec.nodeName=${good}` });
  assert.deepEqual(
    [...new Set(containers.map((c) => c.podName))].sort(),
    pods.map((p) => p.metadata?.name).sort(),
  );
  for (const c of containers) {
    assert.match(c.id, /^[0-9a-f]{64}$/);
    assert.equal(c.state, "CONTAINER_RUNNING");
  }
});

test("each node renews its Lease in kube-node-lease", () => {
  const lease = cluster.store.get<Lease>("leases", "kube-node-lease", bad);
  assert.equal(lease?.spec?.holderIdentity, bad);
  const renewed = Date.parse(lease.spec.renewTime ?? "");
  assert.ok(cluster.clock.now() - renewed < 10_000);
  assert.match(lease.spec.renewTime ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
});

test("a termination message from the process, or the log tail with FallbackToLogsOnError", () => {
  const c = createCluster(
    {
      name: "term",
      warmupSeconds: 5,
      nodes: [{ name: "node-1" }],
      images: [
        {
          name: "msg:1",
          entrypoint: ["/m"],
          files: [{ path: "/m" }],
          process: { exitValue: 2, runSeconds: 1, terminationMessage: "config missing" },
        },
        {
          name: "tail:1",
          entrypoint: ["/t"],
          files: [{ path: "/t" }],
          process: { exitValue: 3, runSeconds: 1, logs: [{ text: "boom" }] },
        },
      ],
      workloads: [
        {
          kind: "Pod",
          name: "msg",
          restartPolicy: "Never",
          containers: [{ name: "c", image: "msg:1" }],
        },
        {
          kind: "Pod",
          name: "tail",
          restartPolicy: "Never",
          containers: [
            { name: "c", image: "tail:1", terminationMessagePolicy: "FallbackToLogsOnError" },
          ],
        },
      ],
    },
    1,
  );
  const msg = c.store.get<Pod>("pods", "default", "msg");
  assert.equal(msg?.status?.phase, "Failed");
  assert.equal(msg.status.containerStatuses?.[0]?.state?.terminated?.message, "config missing");
  const tail = c.store.get<Pod>("pods", "default", "tail");
  assert.equal(tail?.status?.containerStatuses?.[0]?.state?.terminated?.message, "boom\n");
  assert.equal(tail.status.containerStatuses[0].state.terminated.exitCode, 3);
});

test("a daemon's lines within one millisecond keep their order in their sub-millisecond times (D27)", () => {
  assert.ok(host);
  const fine = {
    "containerd.service": (m: string) => /^time="[^"]*\.\d{3}(\d{6})Z"/.exec(m)?.[1],
    "kubelet.service": (m: string) => /^[IWE]\d{4} [\d:]+\.\d{3}(\d{3}) /.exec(m)?.[1],
  };
  let sameMillisecond = 0;
  for (const [unit, subMs] of Object.entries(fine)) {
    const entries = host.journal().filter((e) => e.unit === unit);
    for (let i = 1; i < entries.length; i += 1) {
      const [before, after] = [entries[i - 1], entries[i]];
      if (!before || !after || before.timeMs !== after.timeMs) continue;
      sameMillisecond += 1;
      assert.ok(
        Number(subMs(before.message)) <= Number(subMs(after.message)),
        `${before.message}\n${after.message}`,
      );
    }
  }
  // The runbook's broken node writes bursts (a failed start's lines share their millisecond).
  assert.ok(sameMillisecond > 0);
});
