import assert from "node:assert/strict";
import { test } from "node:test";
import { labSchema } from "../../../../src/schemas/lab.ts";
import { startLabRun, variantFor } from "../../../../src/grading/lab/lab-run.ts";
import { FakeCluster, START_MS, webPod } from "./fake-cluster.ts";

const lab = labSchema.parse({
  id: "runtime-failure",
  title: "A sick runtime",
  summary: "One node fails to start containers.",
  cause: "runtime-failure",
  difficulty: "intermediate",
  minutes: 20,
  variants: [
    {
      cause: "runtime-failure",
      scenario: "scenario.yaml",
      facts: { node: { from: "failing-pod", selector: "app=web", field: "node" } },
      solution: ["kubectl debug node/{{node}} -it --image=ubuntu"],
      wrongPaths: [{ name: "nothing done", lines: [] }],
    },
  ],
  tasks: [
    {
      id: "evidence",
      title: "Read the runtime's journal on that node",
      checks: [
        { ran: "journalctl .*-u containerd", onNode: "{{node}}", says: "Not read on that node." },
      ],
      hints: ["one", "two", "kubectl debug node/{{node}} -it"],
    },
    {
      id: "root-cause",
      title: "Name the root cause",
      checks: [
        {
          answer: ["{{cause}}"],
          choices: ["runtime-failure", "pid-limit"],
          says: "The cause named does not match the evidence.",
        },
      ],
      hints: ["a", "b", "c"],
    },
    {
      id: "fix",
      title: "Fix",
      checks: [{ state: "pods-healthy", selector: "app=web", says: "Pods are not steady yet." }],
      hints: ["a", "b", "c"],
    },
  ],
});

function start(cluster = new FakeCluster()) {
  cluster.add("pods", webPod("web-a", "node-1", "running"));
  cluster.add("pods", webPod("web-b", "node-2", "failing"));
  return startLabRun({
    lab,
    seed: 7,
    scenarioOf: () => ({}),
    createCluster: () => cluster,
    viewOf: (c) => c,
  });
}

function labCommand(run: ReturnType<typeof start>) {
  assert.deepEqual(
    run.extraCommands.map((c) => c.name),
    ["lab"],
  );
  return run.labCommand;
}

test("facts come from the cluster: the failing pod's node fills the hints", () => {
  const run = start();
  assert.equal(run.facts()["node"], "node-2");
  assert.equal(run.hint("evidence")?.text, "one");
  run.hint("evidence");
  assert.deepEqual(run.hint("evidence"), { rung: 3, text: "kubectl debug node/node-2 -it" });
  assert.equal(run.hint("evidence")?.rung, 3, "the ladder stops at its last rung");
  assert.deepEqual(run.status()[0]?.hints, ["one", "two", "kubectl debug node/node-2 -it"]);
  assert.deepEqual(run.status()[1]?.hints, []);
});

test("the journal read on the wrong node does not count; on the right node it does", () => {
  const cluster = new FakeCluster();
  const run = start(cluster);
  const statuses: string[] = [];
  run.onStatus((s) => statuses.push(s.map((t) => (t.done ? "x" : "-")).join("")));
  const type = (line: string, host: string) =>
    run.recordCommand({ line, exitCode: 0, atMs: START_MS, host });
  type("chroot /host journalctl -u containerd", "debug-pod:node-1");
  type("kubectl debug node/node-1 -it --image=ubuntu", "workstation");
  assert.equal(run.status()[0]?.done, false);
  assert.deepEqual(run.status()[0]?.stillWrong, ["Not read on that node."]);
  type("journalctl -u containerd", "workstation");
  assert.equal(run.status()[0]?.done, false, "the workstation is not the node");
  type("chroot /host journalctl -u containerd", "debug-pod:node-2");
  assert.equal(run.status()[0]?.done, true, "graded while the shell is still open");
  type("kubectl debug node/node-2 -it --image=ubuntu", "workstation");
  assert.equal(run.status()[0]?.done, true);
  assert.equal(statuses.at(-1), "x--", "listeners hear the change");
});

test("lab answer checks the list, records, and grades; a wrong cause stays undone", () => {
  const run = start();
  const lab = labCommand(run);
  assert.match(
    lab.run(["answer", "root-cause", "dns"]).stderr,
    /not one of: runtime-failure, pid-limit/,
  );
  assert.match(
    lab.run(["answer", "root-cause", "pid-limit"]).stdout,
    /not yet - The cause named does not match the evidence\./,
  );
  assert.equal(run.status()[1]?.done, false);
  assert.match(lab.run(["answer", "root-cause", "Runtime-Failure"]).stdout, /done/);
  assert.equal(run.status()[1]?.done, true);
  assert.equal(lab.run(["answer", "fix", "yes"]).exitCode, 1, "fix takes no answer");
  assert.equal(lab.run(["answer", "nope", "x"]).exitCode, 1);
});

test("lab status ends with the tasks summary; lab check exits 1 until all is done", () => {
  const run = start();
  const lab = labCommand(run);
  const status = lab.run(["status"]).stdout.trimEnd().split("\n");
  assert.equal(status.at(-1), "tasks: 0/3 done");
  assert.match(status[0] ?? "", /^\[ \] evidence\s+Read the runtime's journal on that node$/);
  const check = lab.run(["check"]);
  assert.equal(check.exitCode, 1);
  assert.match(check.stdout, /- Pods are not steady yet\./);
  assert.equal(lab.run(["bogus"]).exitCode, 2);
});

test("lab reset asks the host and says so when nobody can reset", () => {
  const run = start();
  assert.equal(labCommand(run).run(["reset"]).exitCode, 1);
  const requests: boolean[] = [];
  run.onReset(({ newVariant }) => requests.push(newVariant));
  assert.equal(labCommand(run).run(["reset"]).exitCode, 0);
  assert.equal(labCommand(run).run(["reset", "--new-variant"]).exitCode, 0);
  assert.equal(labCommand(run).run(["reset", "now"]).exitCode, 2);
  assert.deepEqual(requests, [false, true]);
});

test("the seed picks the variant by modulo, so consecutive seeds cover every variant", () => {
  const two = { ...lab, variants: [lab.variants[0], { ...lab.variants[0], scenario: "b.yaml" }] };
  const picked = [0, 1, 2, 3].map((seed) => variantFor(two as typeof lab, seed).scenario);
  assert.deepEqual(picked, ["scenario.yaml", "b.yaml", "scenario.yaml", "b.yaml"]);
});
