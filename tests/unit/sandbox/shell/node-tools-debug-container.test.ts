/**
 * The learner's own node debug container as the node's tools see it (D24): containerd runs it
 * while the shell is open, so `crictl ps` lists it Running and the journal has its StartContainer
 * lines but no "shim disconnected" (which containerd logs only when the shell's process exits).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session, typeInto } from "./helpers.ts";

// eslint-disable-next-line no-control-regex -- stripping the terminal's escape sequences
const plain = (screen: string): string => screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");

test("the debugger container is Running while the learner is inside it", async () => {
  const terminal = session({ cols: 220 });
  await typeInto(terminal, "kubectl debug node/node-3 -it --image=ubuntu\r", "chroot /host\r");
  try {
    const inside = plain(await typeInto(terminal, "crictl ps --name debugger\r"));
    const row = /^([0-9a-f]{13}) .* Running +debugger +0 /m.exec(inside);
    assert.ok(row, `the debugger container runs:\n${inside}`);
    const journal = plain(
      await typeInto(terminal, `journalctl -u containerd --no-pager | grep ${row[1] ?? ""}\r`),
    );
    assert.match(journal, /StartContainer for \\"[0-9a-f]+\\" returns successfully/);
    assert.doesNotMatch(journal, /shim disconnected/);
  } finally {
    await typeInto(terminal, "exit\r", "exit\r");
  }
});
