/**
 * What a debug container's shell shows of its processes and tools: `kubectl debug POD
 * --target=C` shares C's PID namespace, so `ps` lists C's main process as PID 1 (the engine's
 * Cluster.containerProcesses), and a node debug pod's coach line names the image in use.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session, typeInto } from "./helpers.ts";

const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const plain = (screen: string): string => screen.replace(SGR, "");

test("ps in a debug container targeting the app shows the app's process as PID 1", async () => {
  const terminal = session();
  const listing = (await terminal.runLine("kubectl get pods -o wide --no-headers")).output;
  // A webapp pod on a healthy node (the runbook's node-3 cannot start containers).
  const pod = listing
    .split("\n")
    .find((line) => line.includes(" Running ") && !line.includes("node-3"))
    ?.split(/\s+/)[0];
  assert.ok(pod, listing);
  const image = (
    await terminal.runLine(`kubectl get pod ${pod} -o jsonpath='{.spec.containers[0].image}'`)
  ).output;
  const entrypoint = (
    await terminal.runLine(`kubectl get pod ${pod} -o jsonpath='{.spec.containers[0].command}'`)
  ).output;
  assert.ok(image.length > 0);
  const screen = plain(
    await typeInto(
      terminal,
      `kubectl debug ${pod} -it --image=busybox:1.36 --target=webapp\r`,
      "ps\r",
      "exit\r",
    ),
  );
  const table = /# ps\r\n(PID +USER +TIME +COMMAND\r\n(?: +\d+ .*\r\n)+)/.exec(screen)?.[1] ?? "";
  const rows = table.split("\r\n").slice(1, -1);
  // PID 1 is the target's main process, not the debug shell; then the shell, then ps itself.
  assert.match(rows[0] ?? "", /^ +1 root +\d+:\d\d (?!sh$)\S/, screen);
  if (entrypoint.length === 0) assert.doesNotMatch(rows[0] ?? "", / sh$/);
  assert.match(rows.at(-2) ?? "", / sh$/);
  assert.match(rows.at(-1) ?? "", / ps$/);
  assert.equal(rows.length, 3);
});

test("a node debug pod's coach line names the image in use", async () => {
  const terminal = session();
  const screen = plain(
    await typeInto(
      terminal,
      "kubectl debug node/node-1 -it --image=busybox:1.36\r",
      "journalctl -u containerd\r",
      "exit\r",
    ),
  );
  assert.match(screen, /The busybox image has no journalctl/);
  assert.doesNotMatch(screen, /ubuntu image/);
});
