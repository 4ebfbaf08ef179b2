/**
 * Every command of the seed guide (../shared/seed/exit-code-128-guide.txt), placeholders filled,
 * run in the `runbook` scenario in the guide's order, checked against what a real cluster prints
 * (../shared/reference/real-output.md). Where the guide's form fails on a real cluster (journalctl,
 * systemctl and dmesg inside the ubuntu debug image), it fails here the same way, and the working
 * form (chroot /host, --profile=sysadmin) is run too.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session } from "./helpers.ts";

const DEBUG_PREAMBLE = (node: string): RegExp =>
  new RegExp(
    `^--profile=legacy is deprecated and will be removed in the future\\. It is recommended to explicitly specify a profile, for example "--profile=general"\\.\\nCreating debugging pod node-debugger-${node}-[bcdfghjklmnpqrstvwxz2456789]{5} with container debugger on node ${node}\\.\\nIf you don't see a command prompt, try pressing enter\\.\\n`,
  );

test("the guide, step by step, on the runbook cluster", async () => {
  const terminal = session();
  const run = async (line: string): Promise<string> => (await terminal.runLine(line)).output;
  const badNode = terminal.cluster.faultNodes[0] ?? "";

  // The failing pod, as a learner finds it in `kubectl get pods`.
  const pod = (await run("kubectl get pods | awk '/CrashLoopBackOff/ {print $1; exit}'")).trim();
  assert.match(pod, /^webapp-[a-z0-9]+-[a-z0-9]{5}$/);
  await run(`POD=${pod}`);

  // 1. Confirm the exit code.
  const describe = await run("kubectl describe pod $POD");
  assert.match(
    describe,
    /\n {4}Last State: {5}Terminated\n {6}Reason: {7}StartError\n {6}Message: {6}failed to create containerd task: .*\n {6}Exit Code: {4}128\n {6}Started: {6}Thu, 01 Jan 1970 00:00:00 \+0000\n/,
  );

  // 2. Logs of the previous attempt: the process never ran, so there is nothing to show.
  assert.deepEqual(await terminal.runLine("kubectl logs $POD --previous"), {
    output: "",
    exitCode: 0,
  });

  // 3. Which node; a test pod elsewhere.
  assert.equal(await run("kubectl get pod $POD -o jsonpath='{.spec.nodeName}'"), badNode);
  assert.equal(
    await run(
      "kubectl run test-pod --image=registry.example.com/webapp:1.4.2 --restart=Never --command -- sleep 60",
    ),
    "pod/test-pod created\n",
  );
  assert.match(
    await run("kubectl get pod test-pod -o wide"),
    /^NAME {7}READY {3}STATUS {2,}RESTARTS {3}AGE {3}IP {2,}NODE {2,}NOMINATED NODE {3}READINESS GATES\ntest-pod /,
  );

  // 4. Runtime logs: the guide's form fails in the ubuntu image; chroot /host works.
  await run("NODE=$(kubectl get pod $POD -o jsonpath='{.spec.nodeName}')");
  for (const unit of ["containerd", "kubelet"]) {
    const guideForm = await run(
      `kubectl debug node/$NODE -it --image=ubuntu -- bash -c "journalctl -u ${unit} --since '30 minutes ago' | grep -i 'error\\|exit\\|kill\\|128'"`,
    );
    assert.match(guideForm, DEBUG_PREAMBLE(badNode));
    assert.match(
      guideForm,
      new RegExp(
        `\\nbash: line 1: journalctl: command not found\\n\u001b\\[2m\\[coach\\] .*chroot /host journalctl -u `,
      ),
    );
  }
  const containerd = await run(
    `kubectl debug node/$NODE -it --image=ubuntu -- chroot /host journalctl -u containerd --since '30 minutes ago' --no-pager | grep -i 'error'`,
  );
  assert.match(
    containerd,
    new RegExp(
      `\\n\\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} ${badNode} containerd\\[\\d+\\]: time="[^"]+" level=error msg=`,
    ),
  );

  // 5. Kernel log: restricted in an unprivileged pod, readable with --profile=sysadmin.
  const restricted = await run(
    `kubectl debug node/$NODE -it --image=ubuntu -- bash -c "dmesg | tail -100"`,
  );
  assert.match(restricted, /\ndmesg: read kernel buffer failed: Operation not permitted\n$/);
  const privileged = await run(
    `kubectl debug node/$NODE -it --image=ubuntu --profile=sysadmin -- bash -c "dmesg | grep -i 'cgroup\\|oom\\|error'"`,
  );
  assert.match(privileged, /\n\[ +\d+\.\d{6}\] cgroup: Using cgroup v2 \(unified hierarchy\)\n/);

  // 7. Runtime and kubelet versions.
  assert.match(
    await run("kubectl get node $NODE -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}'"),
    /^containerd:\/\/\d+\.\d+\.\d+$/,
  );
  assert.match(
    await run("kubectl get node $NODE -o jsonpath='{.status.nodeInfo.kubeletVersion}'"),
    /^v1\.32\.\d+$/,
  );

  // 8. Resources and conditions.
  assert.match(
    await run('kubectl describe node $NODE | grep -A10 "Allocated resources"'),
    /^Allocated resources:\n {2}\(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n {2}Resource +Requests +Limits\n/,
  );
  assert.match(
    await run('kubectl describe node $NODE | grep -A5 "Conditions"'),
    /^Conditions:\n {2}Type +Status +LastHeartbeatTime +LastTransitionTime +Reason +Message\n/,
  );
  assert.equal(
    await run("kubectl get pod $POD -o jsonpath='{.spec.containers[0].resources}'"),
    "{}",
  );

  // 9. The image locally: it starts (the fault is the node's, not the image's).
  const local = await terminal.runLine("docker run --rm registry.example.com/webapp:1.4.2");
  assert.match(local.output, /^starting webapp v1\.4\.2\n/);
  assert.equal(await run('echo "Exit code: $?"'), `Exit code: ${local.exitCode}\n`);

  // 10. Drain, restart the runtime with the node's systemctl, uncordon.
  const drain = await run("kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data");
  assert.match(drain, new RegExp(`^node/${badNode} cordoned\\n`));
  assert.match(drain, new RegExp(`\\nnode/${badNode} drained\\n$`));
  const guideRestart = await run(
    `kubectl debug node/$NODE -it --image=ubuntu -- bash -c "systemctl restart containerd"`,
  );
  assert.match(guideRestart, /\nbash: line 1: systemctl: command not found\n/);
  const pidBefore = terminal.cluster.nodeHost(badNode)?.unit("containerd")?.mainPid;
  await run(
    "kubectl debug node/$NODE -it --image=ubuntu -- chroot /host systemctl restart containerd",
  );
  assert.notEqual(terminal.cluster.nodeHost(badNode)?.unit("containerd")?.mainPid, pidBefore);
  assert.match(
    await run(
      "kubectl debug node/$NODE -it --image=ubuntu -- chroot /host systemctl is-active containerd",
    ),
    /\nactive\n$/,
  );
  assert.equal(await run("kubectl uncordon $NODE"), `node/${badNode} uncordoned\n`);

  // 11. Verify: the drained pod is gone; its replacements run and no longer end with 128.
  assert.equal(
    await run("kubectl delete pod $POD"),
    `Error from server (NotFound): pods "${pod}" not found\n`,
  );
  const pods = await run("kubectl get pods -w");
  assert.match(pods, /^NAME +READY +STATUS +RESTARTS +AGE\n/);
  assert.doesNotMatch(pods, /webapp-\S+ +0\/1 +CrashLoopBackOff/);
  const fresh = (await run("kubectl get pods -l app=webapp -o name | head -1")).trim();
  assert.doesNotMatch(await run(`kubectl describe ${fresh} | grep "Exit Code"`), /128/);
});
