import assert from "node:assert/strict";
import { test } from "node:test";
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import { createLabRun, createLabSession } from "../../../../src/grading/lab/create-lab-run.ts";

test("a node lab's {{node}} is the node the engine broke, for every seed", () => {
  for (const labId of ["runtime-failure", "pid-limit", "cgroup-failure", "resource-pressure"])
    for (const seed of [1, 2, 3]) {
      const run = createLabRun(labId, seed);
      assert.deepEqual([run.facts()["node"]], run.cluster.faultNodes, `${labId} seed ${seed}`);
    }
});

test("the runtime-failure lab's seed picks the wedged shims or the hung containerd", () => {
  for (const seed of [1, 2, 3, 4]) {
    const run = createLabRun("runtime-failure", seed);
    const node = run.cluster.store.get<Node>("nodes", undefined, run.facts()["node"] ?? "");
    const ready = node?.status?.conditions?.find((condition) => condition.type === "Ready");
    const pod = run.cluster.store.get<Pod>("pods", "default", run.facts()["pod"] ?? "");
    assert.equal(pod?.spec?.nodeName, node?.metadata?.name, `seed ${seed}: the pod is on the node`);
    if (run.variant.scenario === "scenario.yaml") {
      // Shims: the node stays Ready and the pod's container last ended in StartError 128.
      assert.equal(ready?.status, "True", `seed ${seed}`);
      const last = pod?.status?.containerStatuses?.[0]?.lastState?.terminated;
      assert.deepEqual([last?.exitCode, last?.reason], [128, "StartError"], `seed ${seed}`);
    } else {
      // Hung containerd (kubelet runtime.go): NotReady, and the evicted pod waits on that kubelet.
      assert.equal(run.variant.scenario, "scenario-hung-containerd.yaml");
      assert.equal(ready?.status, "False", `seed ${seed}`);
      assert.match(ready.message ?? "", /container runtime is down/);
      assert.ok(pod?.metadata?.deletionTimestamp, `seed ${seed}: the evicted pod is Terminating`);
    }
  }
  const scenarios = new Set(
    [1, 2].map((seed) => createLabRun("runtime-failure", seed).variant.scenario),
  );
  assert.equal(scenarios.size, 2, "two seeds in a row open both variants");
});

test("the seed picks the capstone's cause: seeds 1..7 cover all seven", () => {
  const causes = new Set(
    [1, 2, 3, 4, 5, 6, 7].map((seed) => createLabRun("incident-drill", seed).variant.cause),
  );
  assert.equal(causes.size, 7);
});

test("the lab command runs in the learner's terminal and grades what was typed there", async () => {
  const { run, session } = createLabSession("invalid-exit-value", 2);
  try {
    const before = await session.runLine("lab status");
    assert.equal(before.exitCode, 0);
    assert.equal(before.output.trimEnd().split("\n").at(-1), "tasks: 0/5 done");
    await session.runLine("kubectl get pods");
    await session.runLine(`lab answer find-pod ${run.facts()["pod"] ?? ""}`);
    assert.deepEqual(
      run.status().map((task) => task.done),
      [true, false, false, false, false],
    );
    const files = await session.runLine("cat deployment.yaml");
    assert.match(files.output, /image: registry\.example\.com\/shop\/web:1\.0/);
  } finally {
    session.dispose();
  }
});

test("naming a healthy pod as the failing one is not accepted", async () => {
  const { run, session } = createLabSession("runtime-failure", 1);
  try {
    const healthy = run.cluster.store
      .list("pods", { namespace: "default", labelSelector: "app=web" })
      .map((pod) => pod.metadata?.name ?? "")
      .find((name) => name !== run.facts()["pod"]);
    assert.ok(healthy);
    await session.runLine("kubectl get pods -o wide");
    await session.runLine(`lab answer find-pod ${healthy}`);
    assert.equal(run.status()[0]?.done, false);
  } finally {
    session.dispose();
  }
});

test("runtime-failure evidence: the kubelet's journal on the node counts for a hung containerd, not for wedged shims", async () => {
  // Seed 1 opens the hung containerd, seed 2 the shims (variantFor: seed modulo 2).
  for (const [seed, counts] of [
    [1, true],
    [2, false],
  ] as const) {
    const { run, session } = createLabSession("runtime-failure", seed);
    try {
      await session.runLine(`kubectl debug node/${run.facts()["node"] ?? ""} -it --image=ubuntu`);
      await session.runLine("chroot /host journalctl -u kubelet --no-pager");
      await session.runLine("exit");
      const evidence = run.status().find((task) => task.id === "evidence");
      assert.equal(evidence?.done, counts, `seed ${seed}, ${run.variant.scenario}`);
    } finally {
      session.dispose();
    }
  }
});
