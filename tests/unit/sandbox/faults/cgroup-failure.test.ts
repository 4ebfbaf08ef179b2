import assert from "node:assert/strict";
import { test } from "node:test";
import { build, pods, RUNC_PREFIX } from "./fixture.ts";

test("runc cannot create the container's cgroup: StartError 128 with mkdir ... cannot allocate memory", () => {
  const cluster = build([{ type: "cgroup-failure" }], 9);
  const bad = cluster.faultNodes[0] ?? "";
  const failing = pods(cluster).filter((p) => p.spec?.nodeName === bad);
  assert.ok(failing.length > 0);
  for (const pod of failing) {
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    const uid = (pod.metadata?.uid ?? "").replaceAll("-", "_");
    const id = (terminated?.containerID ?? "").replace("containerd://", "");
    assert.equal(terminated?.reason, "StartError");
    assert.equal(terminated.exitCode, 128);
    assert.equal(
      terminated.message,
      `${RUNC_PREFIX}unable to apply cgroup configuration: mkdir /sys/fs/cgroup/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${uid}.slice/cri-containerd-${id}.scope: cannot allocate memory: unknown`,
    );
  }
  const host = cluster.nodeHost(bad);
  assert.ok(host?.kernelLog().some((k) => k.message.startsWith("cgroup: cgroup_mkdir:")));
  assert.match(host?.readFile("/proc/meminfo") ?? "", /^MemTotal: +8145440 kB$/m);
});

test("restarting containerd does not help: the kernel still refuses", () => {
  const cluster = build([{ type: "cgroup-failure" }], 9);
  const bad = cluster.faultNodes[0] ?? "";
  cluster.restartUnit(bad, "containerd");
  cluster.restartUnit(bad, "kubelet");
  cluster.advance(6 * 60_000);
  for (const pod of pods(cluster).filter((p) => p.spec?.nodeName === bad)) {
    assert.equal(pod.status?.containerStatuses?.[0]?.ready, false);
    assert.equal(pod.status.containerStatuses[0].lastState?.terminated?.reason, "StartError");
  }
});
