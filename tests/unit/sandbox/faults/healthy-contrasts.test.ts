/** reference/exit-codes.md: 137 OOMKilled, 143 SIGTERM, 127 command not found are not 128. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { build, pods, WEB_IMAGE } from "./fixture.ts";

test("oom-killed: reason OOMKilled, exit code 137, and the memory cgroup's kernel line", () => {
  const cluster = build([{ type: "oom-killed", image: WEB_IMAGE }], 6);
  for (const pod of pods(cluster)) {
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(terminated?.exitCode, 137);
    assert.equal(terminated.reason, "OOMKilled");
    assert.notEqual(terminated.startedAt, "1970-01-01T00:00:00Z");
    assert.equal(pod.spec?.containers[0]?.resources?.limits?.["memory"], "256Mi");
  }
  const host = cluster.nodeHost("node-2");
  assert.ok(
    host
      ?.kernelLog()
      .some((k) =>
        /^Memory cgroup out of memory: Killed process \d+ \(start\) total-vm:\d+kB, anon-rss:\d+kB, file-rss:\d+kB, shmem-rss:0kB/.test(
          k.message,
        ),
      ),
  );
});

test("sigterm: exit code 143 with reason Error", () => {
  const cluster = build([{ type: "sigterm", image: WEB_IMAGE }], 6);
  for (const pod of pods(cluster)) {
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(terminated?.exitCode, 143);
    assert.equal(terminated.reason, "Error");
    assert.equal(
      cluster.podLogs("default", pod.metadata?.name ?? "", "webapp", { previous: true }).at(-1)
        ?.text,
      "received SIGTERM, exiting",
    );
  }
});

test("command-not-found: the shell's 127 with its not-found line", () => {
  const cluster = build([{ type: "command-not-found", image: WEB_IMAGE, command: "serve" }], 6);
  for (const pod of pods(cluster)) {
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(terminated?.exitCode, 127);
    assert.equal(terminated.reason, "Error");
    assert.deepEqual(
      cluster
        .podLogs("default", pod.metadata?.name ?? "", "webapp", { previous: true })
        .map((l) => l.text),
      ["/bin/sh: 1: serve: not found"],
    );
  }
});
