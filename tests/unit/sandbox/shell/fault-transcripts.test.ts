/**
 * Per fault, the commands a learner runs on the broken node and what a real node shows for that
 * fault (../shared/reference/real-output.md, ../shared/reference/exit-codes.md): the kernel's
 * pids-controller and OOM lines, cgroup mkdir failures, a containerd whose CRI calls time out, and
 * docker's 126/127 for an image Kubernetes reports as StartError 128.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createLabSession } from "../../../../src/grading/lab/create-lab-run.ts";

async function onBrokenNode(
  labId: string,
  seed = 1,
): Promise<(line: string) => Promise<{ output: string; exitCode: number }>> {
  const { session } = createLabSession(labId, seed);
  const node = (
    await session.runLine(
      "kubectl get pods -o wide | awk '/CrashLoop|Error/ {print $(NF-2); exit}'",
    )
  ).output.trim();
  assert.match(node, /^node-\d$/, `${labId}: a failing pod's node`);
  return async (command) => {
    const { output, exitCode } = await session.runLine(
      `kubectl debug node/${node} -it --image=ubuntu --profile=sysadmin -- ${command}`,
    );
    // Drop kubectl's own lines about the debug pod.
    const own =
      /^(?:Creating debugging pod |If you don't see a command prompt|--profile=legacy is deprecated)/;
    return {
      output: output
        .split("\n")
        .filter((line) => !own.test(line))
        .join("\n"),
      exitCode,
    };
  };
}

test("pid-limit: the kernel rejects forks in kubepods.slice and counts them in pids.events", async () => {
  const node = await onBrokenNode("pid-limit");
  assert.match(
    (await node("bash -c 'dmesg | tail -5'")).output,
    /^\[ *\d+\.\d{6}\] cgroup: fork rejected by pids controller in \/kubepods\.slice/m,
  );
  const events = await node("chroot /host cat /sys/fs/cgroup/kubepods.slice/pids.events");
  assert.match(events.output, /^max [1-9]\d*\n$/);
});

test("cgroup-failure: cgroup_mkdir fails with ENOMEM and runc says it cannot apply the cgroup", async () => {
  const node = await onBrokenNode("cgroup-failure");
  assert.match(
    (await node("bash -c 'dmesg | grep -i cgroup | tail -1'")).output,
    /cgroup: cgroup_mkdir: \/kubepods\.slice\/.*-ENOMEM/,
  );
  const journal = await node("chroot /host journalctl -u containerd --no-pager -g 'cgroup'");
  assert.match(
    journal.output,
    /level=error msg="StartContainer for \\"[0-9a-f]+\\" failed" error="failed to create containerd task: .*unable to apply cgroup configuration: mkdir .*: cannot allocate memory: unknown"/,
  );
});

test("resource-pressure: runc init is OOM-killed and the node has almost no memory left", async () => {
  const node = await onBrokenNode("resource-pressure");
  assert.match(
    (await node("bash -c 'dmesg | tail -3'")).output,
    /Out of memory: Killed process \d+ \(runc:\[2:INIT\]\)/,
  );
  const free = (await node("chroot /host free -m")).output.split("\n")[1] ?? "";
  const [, total = "0", , , , , available = "0"] = free.split(/\s+/);
  assert.ok(Number(available) < Number(total) * 0.05, free);
});

test("runtime-failure: containerd answers CRI but its shims fail, until containerd is restarted", async () => {
  // Seed 2 gives the wedged-shims variant (odd seeds hang containerd instead).
  const node = await onBrokenNode("runtime-failure", 2);
  assert.match(
    (await node("chroot /host crictl ps -a")).output,
    /^CONTAINER {11}IMAGE {15}CREATED/,
  );
  const journal = await node("chroot /host journalctl -u containerd --no-pager -g 'failed'");
  assert.match(
    journal.output,
    /level=error msg="StartContainer for \\"[0-9a-f]+\\" failed" error="failed to create containerd task: failed to create shim task: /,
  );
  await node("chroot /host systemctl restart containerd");
  assert.match((await node("chroot /host systemctl is-active containerd")).output, /^active\n$/);
});

test("exec-failure: Kubernetes says StartError 128, docker run of the same image says 126", async () => {
  const { session } = createLabSession("exec-failure", 1);
  const image = (
    await session.runLine(
      "kubectl get deploy -o jsonpath='{.items[0].spec.template.spec.containers[0].image}'",
    )
  ).output;
  const lastState = await session.runLine(
    "kubectl get pods -o jsonpath='{range .items[*]}{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}{\"\\n\"}{end}' | sort -u",
  );
  assert.match(lastState.output, /^StartError 128$/m);
  const docker = await session.runLine(`docker run --rm ${image}`);
  assert.equal(docker.exitCode, 126);
  assert.match(docker.output, /permission denied: unknown\.\n/);
});
