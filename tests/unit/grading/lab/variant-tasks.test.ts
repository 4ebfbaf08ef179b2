import assert from "node:assert/strict";
import { test } from "node:test";
import type { Node } from "kubernetes-types/core/v1.d.ts";
import { labSchema, type Check } from "../../../../src/schemas/lab.ts";
import { startLabRun } from "../../../../src/grading/lab/lab-run.ts";
import { loadLab } from "../../../../src/grading/lab/load-labs.ts";
import { tasksForVariant } from "../../../../src/grading/lab/variant-tasks.ts";
import { FakeCluster, START_MS, webPod } from "./fake-cluster.ts";

const RUNTIME_NOT_REPAIRED = "The runtime on the failing node is still in its broken state.";
const NODE_CORDONED = "A node is still cordoned.";

/** A two-variant seeded lab whose shared fix task only asks for healthy pods. */
const drill = labSchema.parse({
  id: "drill",
  title: "Drill",
  summary: "The seed picks the cause.",
  cause: "seeded",
  difficulty: "advanced",
  minutes: 10,
  variants: [
    {
      cause: "runtime-failure",
      scenario: "runtime.yaml",
      facts: { node: { from: "failing-pod", selector: "app=web", field: "node" } },
      solution: ["sleep 1"],
      wrongPaths: [{ name: "nothing done", lines: [] }],
      taskChecks: {
        fix: [
          { state: "unit-restarted", node: "{{node}}", says: RUNTIME_NOT_REPAIRED },
          { state: "node-schedulable", node: "{{node}}", says: NODE_CORDONED },
        ],
      },
    },
    {
      cause: "exec-failure",
      scenario: "exec.yaml",
      solution: ["sleep 1"],
      wrongPaths: [{ name: "nothing done", lines: [] }],
    },
  ],
  tasks: [
    {
      id: "root-cause",
      title: "Name the root cause",
      checks: [{ answer: ["{{cause}}"], says: "Not that cause." }],
      hints: ["a", "b", "c"],
    },
    {
      id: "fix",
      title: "Fix it and verify",
      checks: [{ state: "pods-healthy", selector: "app=web", says: "Pods are not steady yet." }],
      hints: ["a", "b", "c"],
    },
  ],
});

function node(name: string, cordoned: boolean): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name }, spec: { unschedulable: cordoned } };
}

/** The "cordon and forget" state: the failing pod's node cordoned, its replacement healthy elsewhere. */
function cordonedAndMoved(): FakeCluster {
  const cluster = new FakeCluster();
  cluster.add("nodes", node("node-1", false));
  cluster.add("nodes", node("node-2", false));
  cluster.add("pods", webPod("web-a", "node-1", "running"));
  cluster.add("pods", webPod("web-b", "node-2", "failing"));
  return cluster;
}

function startOn(cluster: FakeCluster, seed: number) {
  const run = startLabRun({
    lab: drill,
    seed,
    scenarioOf: () => ({}),
    createCluster: () => cluster,
    viewOf: (c) => c,
  });
  run.facts(); // latch {{node}} while the pod still fails, as a learner's first command does
  cluster.remove("pods", "web-b");
  cluster.remove("nodes", "node-2");
  cluster.add("nodes", node("node-2", true));
  cluster.add("pods", webPod("web-c", "node-1", "running"));
  cluster.nowMs = START_MS + 150_000;
  return run;
}

function fixStatus(run: ReturnType<typeof startOn>) {
  const fix = run.status().find((s) => s.id === "fix");
  assert.ok(fix);
  return fix;
}

test("a variant's taskChecks are appended after the shared task's own checks", () => {
  const [runtime, exec] = drill.variants;
  assert.ok(runtime && exec);
  const tasks = tasksForVariant(drill, runtime);
  assert.deepEqual(
    tasks.find((t) => t.id === "fix")?.checks.map((c) => c.says),
    ["Pods are not steady yet.", RUNTIME_NOT_REPAIRED, NODE_CORDONED],
  );
  assert.deepEqual(
    tasks.find((t) => t.id === "root-cause"),
    drill.tasks.find((t) => t.id === "root-cause"),
    "tasks the variant does not name are unchanged",
  );
  assert.deepEqual(tasksForVariant(drill, exec), drill.tasks, "no taskChecks, no change");
  assert.equal(drill.tasks[1]?.checks.length, 1, "the shared lab is not modified");
});

test("healthy pods on another node do not complete a node variant's fix", () => {
  const run = startOn(cordonedAndMoved(), 0);
  assert.equal(run.variant.cause, "runtime-failure");
  assert.equal(run.facts()["node"], "node-2");
  const fix = fixStatus(run);
  assert.equal(fix.done, false);
  assert.deepEqual(fix.stillWrong, [RUNTIME_NOT_REPAIRED, NODE_CORDONED]);
});

test("the node variant's fix is done once its node is repaired and back in service", () => {
  const cluster = cordonedAndMoved();
  const run = startOn(cluster, 0);
  cluster.restarts.push({ node: "node-2", unit: "containerd" });
  assert.deepEqual(fixStatus(run).stillWrong, [NODE_CORDONED]);
  cluster.remove("nodes", "node-2");
  cluster.add("nodes", node("node-2", false));
  assert.equal(fixStatus(run).done, true);
});

test("a variant without taskChecks is graded by the shared checks alone", () => {
  const run = startOn(cordonedAndMoved(), 1);
  assert.equal(run.variant.cause, "exec-failure");
  assert.equal(fixStatus(run).done, true);
});

test("taskChecks must name a task of the lab", () => {
  const [runtime] = drill.variants;
  assert.ok(runtime);
  const result = labSchema.safeParse({
    ...drill,
    variants: [{ ...runtime, taskChecks: { "no-such-task": runtime.taskChecks["fix"] } }],
  });
  assert.ok(!result.success);
  assert.match(result.error.issues[0]?.message ?? "", /'no-such-task', which is not a task/);
});

function stateChecks(checks: readonly Check[]): Check[] {
  return checks.filter((check) => "state" in check);
}

test("the capstone's fix demands, per variant, the state checks of that cause's own lab", () => {
  const capstone = loadLab("incident-drill");
  for (const variant of capstone.variants) {
    const own = loadLab(variant.cause).tasks.find((t) => t.id === "fix");
    assert.ok(own, `labs/${variant.cause} has a fix task`);
    const required = stateChecks(own.checks);
    assert.ok(required.length > 0, `labs/${variant.cause}'s fix checks the cluster's state`);
    const fix = tasksForVariant(capstone, variant).find((t) => t.id === "fix");
    assert.ok(fix);
    for (const check of required)
      assert.ok(
        fix.checks.some((c) => JSON.stringify(c) === JSON.stringify(check)),
        `incident-drill (${variant.cause}) fix lacks ${JSON.stringify(check)}`,
      );
  }
});
