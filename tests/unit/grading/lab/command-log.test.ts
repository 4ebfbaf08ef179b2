import assert from "node:assert/strict";
import { test } from "node:test";
import { CommandLog, oneShotDebugNode } from "../../../../src/grading/lab/command-log.ts";

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

const none = new Set<string>();

test("lines typed in a debug shell run on its node, from its first line to its closing", () => {
  const log = new CommandLog();
  const entry = (line: string) => ({ line, exitCode: 0, atMs: 0 });
  const shell = new Set(["node-debugger-node-3-f682w"]);
  log.record(entry("kubectl get pods -o wide"), none);
  // The shell opened (its pod appeared), two lines ran inside, then `exit` closed it and the
  // opening kubectl line finished.
  log.record(entry("chroot /host journalctl -u containerd"), shell);
  log.record(entry("chroot /host dmesg"), shell);
  log.record(entry("kubectl debug node/node-3 -it --image=ubuntu"), shell);
  log.record(entry("journalctl -u containerd"), shell);
  assert.deepEqual(
    log.records().map((r) => r.node),
    [undefined, "node-3", "node-3", undefined, undefined],
  );
});

test("a second shell on another node claims only the lines typed in it", () => {
  const log = new CommandLog();
  const entry = (line: string) => ({ line, exitCode: 0, atMs: 0 });
  const first = new Set(["node-debugger-node-1-abcde"]);
  const both = new Set([...first, "node-debugger-node-2-fghjk"]);
  log.record(entry("dmesg"), first);
  log.record(entry("kubectl debug node/node-1 -it --image=ubuntu"), first);
  log.record(entry("kubectl get pods"), first);
  log.record(entry("dmesg"), both);
  log.record(entry("kubectl debug node/node-2 -it --image=ubuntu -- bash"), both);
  assert.deepEqual(
    log.records().map((r) => r.node),
    ["node-1", undefined, undefined, "node-2", undefined],
  );
});

test("a one-shot debug command is on its node at once", () => {
  const log = new CommandLog();
  log.record(
    { line: "kubectl debug node/node-2 -- chroot /host dmesg", exitCode: 0, atMs: 0 },
    none,
  );
  assert.equal(log.records()[0]?.node, "node-2");
});

test("a debug pod left running by a non-interactive kubectl debug opens no shell", () => {
  const log = new CommandLog();
  const entry = (line: string) => ({ line, exitCode: 0, atMs: 0 });
  const pod = new Set(["node-debugger-node-1-abcde"]);
  log.record(entry("kubectl debug node/node-1 --image=ubuntu"), pod);
  log.record(entry("dmesg"), pod);
  assert.deepEqual(
    log.records().map((r) => r.node),
    [undefined, undefined],
  );
});
