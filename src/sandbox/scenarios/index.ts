/**
 * Scenarios: createCluster(spec, seed) builds a live cluster from a ScenarioSpec. The order is
 * that of a real cluster's life: nodes boot and register days before (kube-proxy on each), faults
 * break what they break, the workloads are applied at `start`, and `warmupSeconds` of virtual time
 * run so restarts, back-off and event counts look lived-in.
 */
import {
  scenarioSpecSchema,
  workloadSpecSchema,
  type ScenarioInput,
  type ScenarioSpec,
  type WorkloadSpec,
} from "../../schemas/scenario.ts";
import { Cluster } from "../cluster/cluster.ts";
import { encodeBase64 } from "../cluster/container-config.ts";
import { METRICS_SERVER } from "../cluster/metrics.ts";
import { SeededRandom } from "../cluster/random.ts";
import { faultModule } from "../faults/index.ts";
import { builtinImages, METRICS_SERVER_IMAGE } from "./builtin-images.ts";
import { runbookScenario } from "./runbook.ts";
import { workloadObject } from "./workload-objects.ts";

export { Cluster } from "../cluster/cluster.ts";

const SCENARIOS: Readonly<Record<string, ScenarioInput>> = { runbook: runbookScenario };

const KERNEL = "6.1.0-18-amd64";
const OS_IMAGE = "Ubuntu 22.04.4 LTS";
const BASE_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

export function listScenarios(): { name: string; description: string }[] {
  return Object.values(SCENARIOS).map((s) => ({ name: s.name, description: s.description ?? "" }));
}

export function scenario(name: string): ScenarioSpec {
  const found = SCENARIOS[name];
  if (!found)
    throw new Error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(", ")}`);
  return scenarioSpecSchema.parse(found);
}

function kubeProxy(version: string): WorkloadSpec {
  return workloadSpecSchema.parse({
    kind: "DaemonSet",
    name: "kube-proxy",
    namespace: "kube-system",
    labels: { "k8s-app": "kube-proxy" },
    containers: [
      {
        name: "kube-proxy",
        image: `registry.k8s.io/kube-proxy:${version}`,
        command: [
          "/usr/local/bin/kube-proxy",
          "--config=/var/lib/kube-proxy/config.conf",
          "--hostname-override=$(NODE_NAME)",
        ],
      },
    ],
    nodeSelector: { "kubernetes.io/os": "linux" },
    tolerations: [{ operator: "Exists" }],
    // kubeadm's kube-proxy DaemonSet runs on the host network: its pods carry the node's IP.
    hostNetwork: true,
  });
}

/**
 * metrics-server as its components.yaml (v0.7) deploys it, with --kubelet-insecure-tls as kind
 * and kubeadm clusters need it; it answers the metrics.k8s.io API behind `kubectl top`.
 */
function metricsServer(): WorkloadSpec {
  return workloadSpecSchema.parse({
    kind: "Deployment",
    name: METRICS_SERVER.name,
    namespace: METRICS_SERVER.namespace,
    replicas: 1,
    labels: { "k8s-app": METRICS_SERVER.name },
    containers: [
      {
        name: METRICS_SERVER.name,
        image: METRICS_SERVER_IMAGE,
        args: [
          "--cert-dir=/tmp",
          "--secure-port=10250",
          "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
          "--kubelet-use-node-status-port",
          "--metric-resolution=15s",
          "--kubelet-insecure-tls",
        ],
        ports: [10250],
        requests: { cpu: "100m", memory: "200Mi" },
        mounts: [{ volume: "tmp-dir", mountPath: "/tmp" }],
      },
    ],
    volumes: [{ name: "tmp-dir", kind: "emptyDir" }],
    nodeSelector: { "kubernetes.io/os": "linux" },
  });
}

/** The worker the seed picks for faults with node "seeded" (the same node for all of them). */
function seededNode(spec: ScenarioSpec, seed: number): string {
  const workers = spec.nodes.filter((n) => n.role === "worker").map((n) => n.name);
  const candidates = workers.length > 0 ? workers : spec.nodes.map((n) => n.name);
  return new SeededRandom(seed ^ 0x5eed).pick(candidates);
}

export function createCluster(input: ScenarioSpec | ScenarioInput, seed: number): Cluster {
  const spec = structuredClone(scenarioSpecSchema.parse(input));
  const badNode = seededNode(spec, seed);
  const faults = spec.faults.map((fault) => {
    const node = "node" in fault && fault.node !== "seeded" ? fault.node : badNode;
    return { fault, node, module: faultModule(fault.type) };
  });
  for (const { fault, node, module } of faults) module.prepare?.(spec, fault, node);

  const startMs = Date.parse(spec.start);
  const bootMs = startMs - spec.clusterAgeSeconds * 1000;
  const images = [
    ...builtinImages(spec.kubernetesVersion).filter(
      (b) => !spec.images.some((i) => i.name === b.name),
    ),
    ...spec.images,
  ];
  const cluster = new Cluster({
    seed,
    startMs: bootMs,
    images,
    gitRepositories: spec.gitRepositories,
  });
  for (const ns of [...new Set([...BASE_NAMESPACES, ...spec.namespaces])].sort()) {
    cluster.create("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns, labels: { "kubernetes.io/metadata.name": ns } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  }
  const present = images.filter((i) => i.presentOnNodes).map((i) => i.name);
  for (const node of spec.nodes) {
    cluster.addNode({
      spec: node,
      createdMs: bootMs,
      kubeletVersion: spec.kubernetesVersion,
      containerdVersion: spec.containerdVersion,
      kernelVersion: KERNEL,
      osImage: OS_IMAGE,
      presentImages: present,
    });
  }
  for (const secret of spec.secrets) {
    cluster.create("secrets", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: secret.name, namespace: secret.namespace },
      type: "Opaque",
      data: Object.fromEntries(
        Object.entries(secret.stringData).map(([key, value]) => [key, encodeBase64(value)]),
      ),
    });
  }
  for (const addon of [kubeProxy(spec.kubernetesVersion), metricsServer()]) {
    const { resource, object } = workloadObject(addon);
    cluster.create(resource, object);
  }
  cluster.advance(30_000);
  cluster.skipIdleTime(Math.max(0, startMs - 120_000 - cluster.clock.now()));
  cluster.advance(Math.max(0, startMs - cluster.clock.now()));
  for (const { fault, node, module } of faults) module.beforeWorkloads?.(cluster, fault, node);
  for (const workload of spec.workloads) {
    const { resource, object } = workloadObject(workload);
    cluster.create(resource, object);
  }
  for (const { fault, node, module } of faults) module.afterWorkloads?.(cluster, fault, node);
  cluster.advance(Math.max(0, startMs + spec.warmupSeconds * 1000 - cluster.clock.now()));
  cluster.scenario = spec;
  cluster.faultNodes = [
    ...new Set(faults.filter((f) => f.module.nodeScoped).map((f) => f.node)),
  ].sort();
  return cluster;
}
