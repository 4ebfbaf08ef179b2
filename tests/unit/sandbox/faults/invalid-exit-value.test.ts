/** reference/exit-codes.md: the kernel keeps exit values modulo 256; 128 from the app is reason Error. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { wrapExitValue } from "../../../../src/sandbox/cluster/exit-status.ts";
import { build, eventsFor, pods, WEB_IMAGE } from "./fixture.ts";

test("exit values wrap modulo 256 as the exit-codes table records", () => {
  assert.equal(wrapExitValue(-1), 255);
  assert.equal(wrapExitValue(256), 0);
  assert.equal(wrapExitValue(-128), 128);
  assert.equal(wrapExitValue(384), 128);
  assert.equal(wrapExitValue(128), 128);
});

test("sys.exit(-128): reason Error, exit code 128, a real start time, the program's own logs", () => {
  const cluster = build([
    { type: "invalid-exit-value", image: WEB_IMAGE, exitValue: -128, language: "python" },
  ]);
  const all = pods(cluster);
  assert.equal(all.length, 4);
  for (const pod of all) {
    const status = pod.status?.containerStatuses?.[0];
    const terminated = status?.lastState?.terminated;
    assert.equal(terminated?.exitCode, 128);
    assert.equal(terminated.reason, "Error");
    assert.notEqual(terminated.startedAt, "1970-01-01T00:00:00Z");
    assert.equal(
      Date.parse(terminated.finishedAt ?? "") - Date.parse(terminated.startedAt ?? ""),
      2000,
    );
    assert.equal(status?.state?.waiting?.reason, "CrashLoopBackOff");
    const logs = cluster
      .podLogs("default", pod.metadata?.name ?? "", "webapp", { previous: true })
      .map((l) => l.text);
    assert.deepEqual(logs, [
      "starting webapp v1.4.2",
      "ERROR: required setting DATABASE_URL is empty",
      "fatal: configuration invalid, calling sys.exit(-128)",
    ]);
    const events = eventsFor(cluster, pod);
    assert.equal(events.get("Started")?.message, "Started container webapp");
    assert.equal(events.has("Failed"), false, "an exit is not a failed start");
    assert.ok(events.has("BackOff"));
  }
});

test("exit(384) is 128 too, on every node", () => {
  const cluster = build([
    { type: "invalid-exit-value", image: WEB_IMAGE, exitValue: 384, language: "bash" },
  ]);
  const nodes = new Set(pods(cluster).map((p) => p.spec?.nodeName));
  assert.deepEqual([...nodes].sort(), ["node-2", "node-3"]);
  for (const pod of pods(cluster))
    assert.equal(pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 128);
});
