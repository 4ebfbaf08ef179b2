/** reference/real-output.md (dmesg): "cgroup: fork rejected by pids controller in ...". */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import { build, pods, RUNC_PREFIX } from "./fixture.ts";

test("a forking pod fills kubepods.slice's pids; new containers fail with a runc fork error", () => {
  const cluster = build([{ type: "pid-limit", pidsMax: 4096 }], 5);
  const bad = cluster.faultNodes[0] ?? "";
  const host = cluster.nodeHost(bad);
  assert.ok(host);
  assert.equal(host.readFile("/sys/fs/cgroup/kubepods.slice/pids.max"), "4096\n");
  assert.equal(host.readFile("/sys/fs/cgroup/kubepods.slice/pids.current"), "4096\n");
  assert.match(
    host.readFile("/sys/fs/cgroup/kubepods.slice/pids.events") ?? "",
    /^max [1-9]\d*\n$/,
  );
  assert.ok(
    host
      .kernelLog()
      .some((k) =>
        /^cgroup: fork rejected by pids controller in \/kubepods\.slice\/kubepods-besteffort\.slice\/kubepods-besteffort-pod[0-9a-f_]{36}\.slice\/cri-containerd-[0-9a-f]{64}\.scope$/.test(
          k.message,
        ),
      ),
  );
  const forker = cluster.store.get<Pod>("pods", "default", "nightly-report");
  assert.equal(forker?.spec?.nodeName, bad);
  for (const pod of pods(cluster).filter((p) => p.spec?.nodeName === bad)) {
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(terminated?.reason, "StartError");
    assert.equal(terminated.exitCode, 128);
    assert.equal(
      terminated.message,
      `${RUNC_PREFIX}can't get final child's PID from pipe: EOF: unknown`,
    );
  }
  assert.equal(
    cluster.store
      .get<Node>("nodes", undefined, bad)
      ?.status?.conditions?.find((c) => c.type === "PIDPressure")?.status,
    "False",
  );
});

test("deleting the forking pod frees the PIDs and the others start", () => {
  const cluster = build([{ type: "pid-limit", pidsMax: 4096 }], 5);
  cluster.deletePod("default", "nightly-report");
  cluster.advance(6 * 60_000);
  assert.equal(cluster.store.get("pods", "default", "nightly-report"), undefined);
  for (const pod of pods(cluster))
    assert.equal(pod.status?.containerStatuses?.[0]?.ready, true, pod.metadata?.name);
});
