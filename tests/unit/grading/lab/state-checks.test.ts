import assert from "node:assert/strict";
import { test } from "node:test";
import { stateCheckSchema } from "../../../../src/schemas/lab.ts";
import { stateCheckPasses } from "../../../../src/grading/lab/state-checks.ts";
import { FakeCluster, START_MS, webPod, workerNode } from "./fake-cluster.ts";

const facts = { node: "node-2", pod: "web-7d4b9c6f5-x2k8q" };
const healthy = stateCheckSchema.parse({ state: "pods-healthy", selector: "app=web" });

test("pods-healthy fails while a pod is in CrashLoopBackOff after StartError 128", () => {
  const cluster = new FakeCluster();
  cluster.add("pods", webPod("web-a", "node-1", "running"));
  cluster.add("pods", webPod("web-b", "node-2", "failing"));
  cluster.nowMs = START_MS + 600_000;
  assert.equal(stateCheckPasses(healthy, cluster, facts), false);
});

test("pods-healthy needs every container running steadily for the whole window", () => {
  const cluster = new FakeCluster();
  cluster.add("pods", webPod("web-a", "node-1", "running", START_MS));
  cluster.add("pods", webPod("web-c", "node-3", "running", START_MS + 60_000));
  cluster.nowMs = START_MS + 120_000;
  assert.equal(stateCheckPasses(healthy, cluster, facts), false, "web-c has run for 1 minute");
  cluster.nowMs = START_MS + 180_000;
  assert.equal(stateCheckPasses(healthy, cluster, facts), true);
});

test("pods-healthy fails when no pod exists (a deleted deployment proves nothing)", () => {
  assert.equal(stateCheckPasses(healthy, new FakeCluster(), facts), false);
});

test("node-schedulable reads spec.unschedulable of the templated node", () => {
  const cluster = new FakeCluster();
  cluster.add("nodes", { metadata: { name: "node-2" }, spec: { unschedulable: true } } as never);
  const check = stateCheckSchema.parse({ state: "node-schedulable", node: "{{node}}" });
  assert.equal(stateCheckPasses(check, cluster, facts), false);
  cluster.remove("nodes", "node-2");
  cluster.add("nodes", { metadata: { name: "node-2" }, spec: {} } as never);
  assert.equal(stateCheckPasses(check, cluster, facts), true);
  const cordoned = stateCheckSchema.parse({ state: "node-cordoned", node: "{{node}}" });
  assert.equal(stateCheckPasses(cordoned, cluster, facts), false);
});

test("pods-absent ignores pods that are already terminating", () => {
  const cluster = new FakeCluster();
  const debug = webPod("node-debugger-node-2-abcde", "node-2", "running");
  cluster.add("pods", debug);
  const check = stateCheckSchema.parse({ state: "pods-absent", namePrefix: "node-debugger-" });
  assert.equal(stateCheckPasses(check, cluster, facts), false);
  debug.metadata = { ...debug.metadata, deletionTimestamp: "2026-11-24T20:30:00Z" };
  assert.equal(stateCheckPasses(check, cluster, facts), true);
});

test("image and template-field read the deployment's pod template", () => {
  const cluster = new FakeCluster();
  cluster.add("deployments", {
    metadata: { name: "site", namespace: "default" },
    spec: {
      selector: {},
      template: {
        spec: {
          initContainers: [{ name: "fetch", args: ["clone", "--depth=1", "https://x/a.git"] }],
          containers: [{ name: "site", image: "shop/site:3.0" }],
        },
      },
    },
  } as never);
  const image = stateCheckSchema.parse({
    state: "image",
    deployment: "site",
    image: "shop/site:3.1",
  });
  assert.equal(stateCheckPasses(image, cluster, facts), false);
  const notOld = stateCheckSchema.parse({ state: "image", deployment: "site", notImage: "x:1" });
  assert.equal(stateCheckPasses(notOld, cluster, facts), true);
  const field = stateCheckSchema.parse({
    state: "template-field",
    deployment: "site",
    path: "initContainers.0.args.2",
    equals: "https://x/a.git",
  });
  assert.equal(stateCheckPasses(field, cluster, facts), true);
});

test("unit-restarted looks at the history of the templated node only", () => {
  const cluster = new FakeCluster();
  const check = stateCheckSchema.parse({ state: "unit-restarted", node: "{{node}}" });
  cluster.restarts.push({ node: "node-1", unit: "containerd" });
  assert.equal(stateCheckPasses(check, cluster, facts), false, "the wrong node was restarted");
  cluster.restarts.push({ node: "node-2", unit: "containerd" });
  assert.equal(stateCheckPasses(check, cluster, facts), true);
});

test("node-ready needs the Ready condition True for the whole window, on the templated node", () => {
  const cluster = new FakeCluster();
  const check = stateCheckSchema.parse({
    state: "node-ready",
    node: "{{node}}",
    stableMs: 120_000,
  });
  cluster.add("nodes", workerNode("node-1", true));
  cluster.add("nodes", workerNode("node-2", false));
  cluster.nowMs = START_MS + 600_000;
  assert.equal(stateCheckPasses(check, cluster, facts), false, "node-2 is NotReady");
  cluster.remove("nodes", "node-2");
  cluster.add("nodes", workerNode("node-2", true, START_MS + 540_000));
  assert.equal(stateCheckPasses(check, cluster, facts), false, "Ready for one minute only");
  cluster.nowMs = START_MS + 660_000;
  assert.equal(stateCheckPasses(check, cluster, facts), true);
  const now = stateCheckSchema.parse({ state: "node-ready", node: "node-3" });
  assert.equal(stateCheckPasses(now, cluster, facts), false, "a node that does not exist");
});
