import assert from "node:assert/strict";
import { test } from "node:test";
import { CommandLog, nodeOf, oneShotDebugNode } from "../../../../src/grading/lab/command-log.ts";

test("a debug pod given a command runs that command on the node", () => {
  assert.equal(
    oneShotDebugNode(
      "kubectl debug node/node-1 -it --image=ubuntu -- chroot /host journalctl -u kubelet",
    ),
    "node-1",
  );
  assert.equal(
    oneShotDebugNode("kubectl debug --profile=sysadmin node/node-2 --image=ubuntu -- dmesg"),
    "node-2",
  );
});

test("a debug pod that opens a shell, or no debug pod at all, runs nothing on a node by itself", () => {
  assert.equal(oneShotDebugNode("kubectl debug node/node-1 -it --image=ubuntu"), undefined);
  assert.equal(oneShotDebugNode("kubectl debug node/node-1 -it --image=ubuntu -- bash"), undefined);
  assert.equal(
    oneShotDebugNode("kubectl debug node/node-1 -it --image=ubuntu -- /bin/sh"),
    undefined,
  );
  assert.equal(oneShotDebugNode("journalctl -u containerd"), undefined);
});

test("lines typed in a node debug shell ran on its node; on the workstation or in a pod they did not", () => {
  const log = new CommandLog();
  const entry = (line: string, host: string, exitCode = 0) => ({ line, exitCode, atMs: 0, host });
  // The order the shell reports them: the opening kubectl line when the debug shell closes.
  log.record(entry("kubectl get pods -o wide", "workstation"));
  log.record(entry("chroot /host journalctl -u containerd", "debug-pod:node-3"));
  log.record(entry("dmesg", "debug-pod:node-3"));
  log.record(entry("journalctl -u kubelet", "node:node-3"));
  log.record(entry("kubectl debug node/node-3 -it --image=ubuntu", "workstation"));
  log.record(entry("journalctl -u containerd", "workstation"));
  log.record(entry("dmesg", "pod:default/web-1"));
  assert.deepEqual(
    log.records().map((r) => r.node),
    [undefined, "node-3", "node-3", "node-3", undefined, undefined, undefined],
  );
});

test("a command the debug image does not have ran nowhere", () => {
  // The ubuntu image has no journalctl: bash answers 127 and nothing read the node's journal.
  assert.equal(
    nodeOf({ line: "journalctl -u containerd", exitCode: 127, atMs: 0, host: "debug-pod:node-2" }),
    undefined,
  );
});

test("a one-shot debug command typed on the workstation is on its node", () => {
  const line = "kubectl debug node/node-2 -- chroot /host dmesg";
  assert.equal(nodeOf({ line, exitCode: 0, atMs: 0, host: "workstation" }), "node-2");
});
