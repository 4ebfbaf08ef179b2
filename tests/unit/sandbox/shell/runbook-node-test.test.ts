/**
 * The runbook's node checks end to end: guide step 3 (the same image pinned to another node) and
 * a debug pod on the broken node, which must be able to run so the node's logs can be read.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session } from "./helpers.ts";

function brokenNode(terminal: ReturnType<typeof session>): string {
  const [node] = terminal.cluster.faultNodes;
  assert.ok(node !== undefined);
  return node;
}

test("the same image runs on a healthy node and fails with StartError on the broken one", async () => {
  const terminal = session();
  const bad = brokenNode(terminal);
  const good = bad === "node-2" ? "node-3" : "node-2";
  for (const [name, node] of [
    ["test-good", good],
    ["test-bad", bad],
  ] as const) {
    const run = await terminal.runLine(
      `kubectl run ${name} --image=registry.example.com/webapp:1.4.2 --restart=Never --overrides='{"spec":{"nodeName":"${node}"}}' --command -- sleep 60`,
    );
    assert.equal(run.output, `pod/${name} created\n`);
  }
  await terminal.runLine("sleep 5");
  const status = (name: string) =>
    terminal.runLine(`kubectl get pod ${name} -o jsonpath='{.status.containerStatuses[0].state}'`);
  assert.match((await status("test-good")).output, /"running"/);
  assert.match(
    (await status("test-bad")).output,
    /"reason":"StartError"|"reason":"RunContainerError"|"reason":"CrashLoopBackOff"|StartError/,
  );
});

test("a node debug pod on the broken node runs its command and ends Completed", async () => {
  const terminal = session();
  const bad = brokenNode(terminal);
  const debug = await terminal.runLine(
    `kubectl debug node/${bad} -it --image=ubuntu -- bash -c "chroot /host systemctl is-active containerd"`,
  );
  assert.match(debug.output, /\nactive\n$/);
  await terminal.runLine("sleep 5");
  const pods = await terminal.runLine("kubectl get pods --no-headers | grep node-debugger");
  assert.match(pods.output, /^node-debugger-\S+\s+0\/1\s+Completed\s+0\s/);
});
