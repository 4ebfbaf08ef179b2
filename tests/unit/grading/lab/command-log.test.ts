import assert from "node:assert/strict";
import { test } from "node:test";
import { CommandLog } from "../../../../src/grading/lab/command-log.ts";

function nodesOf(lines: readonly string[]): (string | undefined)[] {
  const log = new CommandLog();
  return lines.map((line) => log.record({ line, exitCode: 0, atMs: 0 }).node);
}

test("commands in an interactive node debug shell run on that node, up to its exit", () => {
  assert.deepEqual(
    nodesOf([
      "kubectl get pods -o wide",
      "kubectl debug node/node-2 -it --image=ubuntu",
      "chroot /host journalctl -u containerd",
      "exit",
      "journalctl -u containerd",
    ]),
    [undefined, undefined, "node-2", "node-2", undefined],
  );
});

test("chroot /host inside a debug shell nests: one exit leaves the chroot, the next the pod", () => {
  assert.deepEqual(
    nodesOf([
      "kubectl debug node/node-3 -it --image=ubuntu -- bash",
      "chroot /host",
      "dmesg",
      "exit",
      "ls /host",
      "exit",
      "dmesg",
    ]),
    [undefined, "node-3", "node-3", "node-3", "node-3", "node-3", undefined],
  );
});

test("a debug pod given a command runs that command on the node once", () => {
  assert.deepEqual(
    nodesOf([
      "kubectl debug node/node-1 -it --image=ubuntu -- chroot /host journalctl -u kubelet",
      "journalctl -u kubelet",
    ]),
    ["node-1", undefined],
  );
});

test("a debug pod without -it and without a command opens no shell", () => {
  assert.deepEqual(nodesOf(["kubectl debug node/node-1 --image=ubuntu", "dmesg"]), [
    undefined,
    undefined,
  ]);
});
