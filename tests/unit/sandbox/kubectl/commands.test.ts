import assert from "node:assert/strict";
import { test } from "node:test";
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.d.ts";
import { FixtureCluster, kubectl, normalizeAges, transcript } from "./fixture.ts";

/** Transcripts whose command changes the cluster: same output, and the change really happened. */
for (const name of ["10-delete-pod", "11-run", "12-cordon", "14-drain", "16c-debug-noattach"]) {
  test(`golden: ${name}`, async () => {
    const expected = transcript(name);
    const cluster = new FixtureCluster();
    const result = await kubectl(cluster, expected.command);
    const suffix = /node-debugger-node-2-(\w{5})/.exec(expected.output)?.[1];
    const output = suffix
      ? result.output.replace(/node-debugger-node-2-\w{5}/, `node-debugger-node-2-${suffix}`)
      : result.output;
    assert.equal(normalizeAges(output), normalizeAges(expected.output));
    assert.equal(result.exitCode, expected.exitCode);
  });
}

test("golden: 13-uncordon after cordon", async () => {
  const cluster = new FixtureCluster();
  await kubectl(cluster, "kubectl cordon node-2");
  const expected = transcript("13-uncordon");
  const result = await kubectl(cluster, expected.command);
  assert.equal(result.output, expected.output);
});

test("golden: 14a-drain refuses a pod without a controller", async () => {
  const cluster = new FixtureCluster();
  await kubectl(cluster, "kubectl run test-pod --image=busybox --restart=Never");
  cluster.store.mutate<Pod>("pods", "default", "test-pod", (p) => {
    if (p.spec) p.spec.nodeName = "node-2";
  });
  const expected = transcript("14a-drain-unmanaged-pod");
  const result = await kubectl(cluster, expected.command);
  assert.equal(result.output, expected.output);
  assert.equal(result.exitCode, 1);
});

/** The fixture's crash-looping webapp pod with each container status changed by `change`. */
function withWebappStatus(change: (status: ContainerStatus) => void): FixtureCluster {
  const cluster = new FixtureCluster();
  cluster.store.mutate<Pod>("pods", "default", "webapp-6f7d8c9b5-abcde", (pod) => {
    for (const status of pod.status?.containerStatuses ?? []) change(status);
  });
  return cluster;
}

test("golden: 06b the kubelet's 400 for a container with no terminated run", async () => {
  // 06b was recorded against a stub API server that answered 400; a real kubelet
  // (validateContainerLogStatus) answers "is waiting to start" only when lastState has no run.
  const cluster = withWebappStatus((status) => {
    status.lastState = {};
  });
  const expected = transcript("06b-logs-current");
  const result = await kubectl(cluster, expected.command);
  assert.equal(result.output, expected.output);
  assert.equal(result.exitCode, expected.exitCode);
});

test("logs of a crash-looping container reads its last terminated run without --previous", async () => {
  const cluster = new FixtureCluster();
  cluster.logs.set("default/webapp-6f7d8c9b5-abcde/webapp/previous", [
    { timeMs: Date.parse("2026-11-24T20:10:01Z"), text: "fatal: cannot open /data" },
  ]);
  const result = await kubectl(cluster, "kubectl logs webapp-6f7d8c9b5-abcde");
  assert.equal(result.output, "fatal: cannot open /data\n");
  assert.equal(result.exitCode, 0);
});

test("logs names what the kubelet reports for a container that never ran", async () => {
  const pulling = withWebappStatus((status) => {
    status.lastState = {};
    status.state = { waiting: { reason: "ImagePullBackOff" } };
  });
  const result = await kubectl(pulling, "kubectl logs webapp-6f7d8c9b5-abcde");
  assert.equal(
    result.output,
    'Error from server (BadRequest): container "webapp" in pod "webapp-6f7d8c9b5-abcde" is waiting to start: trying and failing to pull image\n',
  );
  assert.equal(result.exitCode, 1);
});

test("golden: 06c logs --previous with no terminated container", async () => {
  const expected = transcript("06c-logs-previous-none");
  const result = await kubectl(new FixtureCluster(), expected.command);
  assert.equal(result.output, expected.output);
  assert.equal(result.exitCode, 1);
});

test("golden: 06d logs --previous prints the last run's lines", async () => {
  const cluster = new FixtureCluster();
  cluster.logs.set("default/webapp-6f7d8c9b5-abcde/webapp/previous", [
    {
      timeMs: Date.parse("2026-11-24T20:10:01Z"),
      text: "2026-11-24T20:10:01Z starting webapp v1.4.2",
    },
    {
      timeMs: Date.parse("2026-11-24T20:10:01Z"),
      text: "2026-11-24T20:10:01Z fatal: cannot exec /app/start: permission denied",
    },
  ]);
  const expected = transcript("06d-logs-previous-with-content");
  const result = await kubectl(cluster, expected.command);
  assert.equal(result.output, expected.output);
});
