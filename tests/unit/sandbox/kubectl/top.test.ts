/**
 * kubectl top: the printer's rounding and layout from kubectl's pkg/metricsutil (v1.32) on
 * hand-written metrics, and the command's checks and messages (pkg/cmd/top) on the engine's
 * runbook cluster, whose metrics-server answers once it has scraped twice.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { NodeMetrics, PodMetrics } from "../../../../src/sandbox/cluster/metrics.ts";
import {
  nodeMetricsTable,
  podMetricsTable,
} from "../../../../src/sandbox/kubectl/print/metrics.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { FixtureCluster, kubectl } from "./fixture.ts";

function nodeSample(name: string, cpu: string, memory: string): NodeMetrics {
  return {
    kind: "NodeMetrics",
    apiVersion: "metrics.k8s.io/v1beta1",
    metadata: { name, creationTimestamp: "2026-11-25T07:00:00Z" },
    timestamp: "2026-11-25T07:00:00Z",
    window: "15.2s",
    usage: { cpu, memory },
  };
}

function podSample(
  namespace: string,
  name: string,
  containers: [string, string, string][],
): PodMetrics {
  return {
    kind: "PodMetrics",
    apiVersion: "metrics.k8s.io/v1beta1",
    metadata: { name, namespace, creationTimestamp: "2026-11-25T07:00:00Z" },
    timestamp: "2026-11-25T07:00:00Z",
    window: "15.2s",
    containers: containers.map(([c, cpu, memory]) => ({ name: c, usage: { cpu, memory } })),
  };
}

test("node: CPU rounds up to millicores, memory down to Mi, percentages truncate; every cell padded", () => {
  const text = nodeMetricsTable(
    [nodeSample("node-2", "123456789n", "123456Ki"), nodeSample("node-1", "2", "1Gi")],
    new Map([
      ["node-1", { cpu: "4", memory: "8Gi" }],
      ["node-2", { cpu: "2", memory: "8045040Ki" }],
      ["node-3", { cpu: "2", memory: "8Gi" }],
    ]),
    { noHeaders: false, sortBy: "" },
  );
  // 123456789n is 123.456789m: MilliValue rounds up to 124; 124/2000 = 6.2% prints 6%.
  // 123456Ki = 126418944 bytes: 120 whole Mi; 123456/8045040 = 1.53% prints 1%.
  // A listed node without a sample gets <unknown> cells after the measured ones.
  assert.equal(
    text,
    [
      "NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   ",
      "node-1   2000m        50%         1024Mi          12%         ",
      "node-2   124m         6%          120Mi           1%          ",
      "node-3   <unknown>    <unknown>   <unknown>       <unknown>   ",
      "",
    ].join("\n"),
  );
});

test("node: --sort-by=cpu puts the busiest first; no metrics prints nothing", () => {
  const text = nodeMetricsTable(
    [nodeSample("a", "10m", "1Mi"), nodeSample("b", "30m", "1Mi")],
    new Map(),
    { noHeaders: true, sortBy: "cpu" },
  );
  assert.deepEqual(
    text.split("\n").map((l) => l.split(/\s+/)[0]),
    ["b", "a", ""],
  );
  assert.equal(nodeMetricsTable([], new Map(), { noHeaders: false, sortBy: "" }), "");
});

test("pod: container usages are summed exactly before rounding", () => {
  // 0.4m + 0.4m is 0.8m, which rounds up to 1m (rounding each first would print 2m).
  const text = podMetricsTable(
    [
      podSample("default", "web", [
        ["a", "400u", "1536Ki"],
        ["b", "400u", "512Ki"],
      ]),
    ],
    { containers: false, withNamespace: false, noHeaders: false, sortBy: "", sum: false },
  );
  assert.equal(
    text,
    "NAME   CPU(cores)   MEMORY(bytes)   \nweb    1m           2Mi             \n",
  );
});

test("pod: -A --containers --sum layout, and --no-headers --sum indents as kubectl does", () => {
  const metrics = [
    podSample("kube-system", "proxy", [["kube-proxy", "8m", "28Mi"]]),
    podSample("default", "web", [
      ["web", "11m", "64Mi"],
      ["sidecar", "1m", "8Mi"],
    ]),
  ];
  const full = podMetricsTable(metrics, {
    containers: true,
    withNamespace: true,
    noHeaders: false,
    sortBy: "",
    sum: true,
  });
  assert.equal(
    full,
    [
      "NAMESPACE     POD     NAME         CPU(cores)   MEMORY(bytes)   ",
      "default       web     sidecar      1m           8Mi             ",
      "default       web     web          11m          64Mi            ",
      "kube-system   proxy   kube-proxy   8m           28Mi            ",
      "                                   ________     ________        ",
      "                                   20m          100Mi           ",
      "",
    ].join("\n"),
  );
  // printPodResourcesSum counts NAMESPACE and POD only while printing headers, so the bars start
  // in the second column, which they widen (one tabwriter column block).
  const bare = podMetricsTable(metrics, {
    containers: false,
    withNamespace: true,
    noHeaders: true,
    sortBy: "memory",
    sum: true,
  });
  assert.equal(
    bare,
    [
      "default       web        12m        72Mi   ",
      "kube-system   proxy      8m         28Mi   ",
      "              ________   ________   ",
      "              20m        100Mi      ",
      "",
    ].join("\n"),
  );
});

/** The runbook cluster a minute in: metrics-server has scraped several times. */
function runbook() {
  const cluster = createCluster(scenario("runbook"), 1);
  cluster.advance(60_000);
  return cluster;
}

test("top node and top pod on the runbook cluster: every node and running pod, headers first", async () => {
  const cluster = runbook();
  const nodes = await kubectl(cluster, "kubectl top nodes");
  assert.equal(nodes.exitCode, 0);
  const nodeLines = nodes.stdout.split("\n").slice(0, -1);
  assert.match(
    nodeLines[0] ?? "",
    /^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) +$/,
  );
  assert.deepEqual(
    nodeLines.slice(1).map((l) => l.split(/\s+/)[0]),
    cluster.nodeNames().sort(),
  );
  for (const line of nodeLines.slice(1)) assert.match(line, /^\S+ +\d+m +\d+% +\d+Mi +\d+% +$/);
  const pods = await kubectl(cluster, "kubectl top po -A --no-headers");
  assert.equal(pods.exitCode, 0);
  assert.match(pods.stdout, /^kube-system +metrics-server-\S+ +\d+m +\d+Mi +$/m);
});

test("top pod: NAME errors are metrics-server's; an empty list says why", async () => {
  const cluster = runbook();
  assert.equal(
    (await kubectl(cluster, "kubectl top pod nope")).stderr,
    'Error from server (NotFound): pods "nope" not found\n',
  );
  assert.equal(
    (await kubectl(cluster, "kubectl top node nope")).stderr,
    'Error from server (NotFound): node "nope" not found\n',
  );
  const none = await kubectl(cluster, "kubectl top pod -l app=nothing");
  assert.deepEqual([none.stderr, none.exitCode], ["No resources found in default namespace.\n", 0]);
  const noneAll = await kubectl(cluster, "kubectl top pod -A -l app=nothing");
  assert.equal(noneAll.stderr, "No resources found\n");

  await kubectl(cluster, "kubectl run young --image=busybox -- sleep 3600");
  assert.equal(
    (await kubectl(cluster, "kubectl top pod young")).stderr,
    'Error from server (NotFound): podmetrics.metrics.k8s.io "default/young" not found\n',
  );
  assert.deepEqual(
    await kubectl(cluster, "kubectl top pod -l run=young").then((r) => [r.stderr, r.exitCode]),
    ["error: metrics not available yet\n", 1],
  );
});

test("top pod: a pod older than two minutes without metrics is named with its age", async () => {
  const cluster = runbook();
  await kubectl(cluster, "kubectl run stopped --image=busybox --restart=Never -- true");
  cluster.advance(150_000);
  const result = await kubectl(cluster, "kubectl top pod -l run=stopped");
  assert.match(
    result.stderr,
    /^error: Metrics not available for pod default\/stopped, age: 2m3\d(\.\d+)?s\n$/,
  );
});

test("top: validation before any request, help and unknown subcommands", async () => {
  const cluster = new FixtureCluster();
  assert.equal(
    (await kubectl(cluster, "kubectl top pod --sort-by=disk")).stderr,
    "error: --sort-by accepts only cpu or memory\n",
  );
  assert.equal(
    (await kubectl(cluster, "kubectl top pod a -l x=y")).stderr,
    "error: only one of NAME or selector can be provided\n",
  );
  assert.equal(
    (await kubectl(cluster, "kubectl top node a -l x=y")).stderr,
    "error: only one of NAME or --selector can be provided\n",
  );
  assert.equal(
    (await kubectl(cluster, "kubectl top pod a b")).stderr,
    "error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n",
  );
  assert.equal(
    (await kubectl(cluster, "kubectl top pod --show-capacity")).stderr,
    "error: unknown flag: --show-capacity\nSee 'kubectl top pod --help' for usage.\n",
  );
  assert.equal(
    (await kubectl(cluster, "kubectl top foo")).stderr,
    "error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n",
  );
  const help = await kubectl(cluster, "kubectl top");
  assert.deepEqual([help.stdout, help.exitCode], ["", 1]);
  assert.match(help.stderr, /^Display resource \(CPU\/memory\) usage\.\n/);
  // The fixture cluster runs no metrics-server, so metrics.k8s.io is not served.
  assert.equal(
    (await kubectl(cluster, "kubectl top node")).stderr,
    "error: Metrics API not available\n",
  );
});
