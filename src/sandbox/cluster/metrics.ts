/**
 * What metrics-server serves under metrics.k8s.io/v1beta1 (the data behind `kubectl top`).
 * metrics-server (kube-system/metrics-server, --metric-resolution=15s) scrapes every kubelet's
 * /metrics/resource once per resolution tick from the moment it starts; a CPU rate needs two
 * samples, so a node appears after the second scrape and a pod only once its containers were
 * already running at the previous scrape (about 15 s after they start). `timestamp` is the
 * latest sample's time, `window` the time between the two samples the rate comes from, and
 * `metadata.creationTimestamp` the time of the request, as metrics-server 0.6+ answers.
 * Usage follows the engine's model: a container's memory is its image's resident memory, its CPU
 * its process's activity (see Kubelet#run); a node's memory is what /proc/meminfo says is not
 * available, so `kubectl top node` and `free` on the node agree. Small sample-to-sample
 * variations come from a hash of the names and the scrape number, never from Math.random.
 */
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster, RunningContainer } from "./cluster.ts";
import { rfc3339 } from "./time-format.ts";

/** The metrics-server Deployment every scenario runs, and its scrape interval. */
export const METRICS_SERVER = { namespace: "kube-system", name: "metrics-server" } as const;
const RESOLUTION_MS = 15_000;

export interface ResourceUsage {
  cpu: string;
  memory: string;
}

export interface NodeMetrics {
  kind: "NodeMetrics";
  apiVersion: "metrics.k8s.io/v1beta1";
  metadata: { name: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  usage: ResourceUsage;
}

export interface PodMetrics {
  kind: "PodMetrics";
  apiVersion: "metrics.k8s.io/v1beta1";
  metadata: {
    name: string;
    namespace: string;
    creationTimestamp: string;
    labels?: Record<string, string>;
  };
  timestamp: string;
  window: string;
  containers: { name: string; usage: ResourceUsage }[];
}

/** FNV-1a of the text: a stable number in [0, 1) for the small variations between samples. */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296;
}

/** A CPU quantity in canonical form, as resource.Quantity marshals nanocores ("7338891n", "5m"). */
export function cpuQuantity(nanocores: number): string {
  const n = Math.max(0, Math.round(nanocores));
  if (n === 0) return "0";
  if (n % 1_000_000_000 === 0) return String(n / 1_000_000_000);
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1000 === 0) return `${n / 1000}u`;
  return `${n}n`;
}

/** A memory quantity in canonical binary form ("14520Ki", "64Mi"). */
export function memoryQuantity(bytes: number): string {
  const b = Math.max(0, Math.round(bytes));
  if (b === 0) return "0";
  for (const [suffix, size] of [
    ["Gi", 1024 ** 3],
    ["Mi", 1024 ** 2],
    ["Ki", 1024],
  ] as const) {
    if (b % size === 0) return `${b / size}${suffix}`;
  }
  return String(b);
}

/** Go's time.Duration.String for a window under a minute: "15.312s", "20.05s", "15s". */
function goSeconds(ms: number): string {
  return `${String(Math.round(ms) / 1000)}s`;
}

/** The scrape schedule of the running metrics-server, or undefined when none runs. */
interface Scrapes {
  /** Index of the latest scrape (0 is the one at metrics-server's start). */
  latest: number;
  /** When scrape k happened. */
  at: (k: number) => number;
}

function scrapes(cluster: Cluster): Scrapes | undefined {
  const pods = cluster.store.readList<Pod>("pods", {
    namespace: METRICS_SERVER.namespace,
    labelSelector: `k8s-app=${METRICS_SERVER.name}`,
  });
  const now = cluster.clock.now();
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp !== undefined) continue;
    const running = cluster
      .runningContainers(pod.spec?.nodeName ?? "")
      .find((c) => c.podUid === pod.metadata?.uid && c.container === METRICS_SERVER.name);
    if (!running) continue;
    const startMs = running.startedMs;
    return {
      latest: Math.floor((now - startMs) / RESOLUTION_MS),
      at: (k) => startMs + k * RESOLUTION_MS,
    };
  }
  return undefined;
}

/**
 * Whether the metrics API can answer: a metrics-server pod runs and has scraped twice. Until then
 * the API server answers 503 and kubectl top prints "error: Metrics API not available".
 */
export function metricsAvailable(cluster: Cluster): boolean {
  return (scrapes(cluster)?.latest ?? 0) >= 1;
}

/** The time of a sample: the kubelet's stats are up to a few seconds older than the scrape. */
function sampleMs(schedule: Scrapes, k: number, source: string): number {
  return schedule.at(k) - 200 - Math.floor(unit(`${source}#${String(k)}`) * 4000);
}

/** CPU in nanocores for a rate measured over one window: within ±15% of the model's average. */
function cpuSample(millicores: number, source: string, k: number): number {
  return millicores * 1e6 * (0.85 + 0.3 * unit(`cpu:${source}#${String(k)}`));
}

/** Working-set memory in bytes, whole 4 KiB pages, a few pages over the resident size. */
function memorySample(kib: number, source: string, k: number): number {
  const pages = Math.floor(kib / 4) + Math.floor(unit(`mem:${source}#${String(k)}`) * 64);
  return pages * 4096;
}

/** The CPU a node spends outside its pods: systemd, kubelet, containerd; the control plane more. */
function systemMillicores(node: Node, memoryExhausted: boolean): number {
  const controlPlane = node.metadata?.labels?.["node-role.kubernetes.io/control-plane"] === "";
  // A node out of memory burns CPU in reclaim (kswapd, direct reclaim) on top of its usual load.
  return (controlPlane ? 210 : 60) + (memoryExhausted ? 1100 : 0);
}

function withLabels<T extends object>(
  metadata: T,
  labels: Record<string, string> | undefined,
): T & { labels?: Record<string, string> } {
  return labels && Object.keys(labels).length > 0
    ? { ...metadata, labels: { ...labels } }
    : metadata;
}

/** GET /apis/metrics.k8s.io/v1beta1/nodes: every node metrics-server has two samples of. */
export function nodeMetrics(cluster: Cluster): NodeMetrics[] {
  const schedule = scrapes(cluster);
  if (!schedule || schedule.latest < 1) return [];
  const k = schedule.latest;
  const created = rfc3339(cluster.clock.now());
  const out: NodeMetrics[] = [];
  for (const name of cluster.nodeNames()) {
    const node = cluster.store.read<Node>("nodes", undefined, name);
    const host = cluster.nodeHost(name);
    if (!node || !host) continue;
    const containers = cluster.runningContainers(name);
    const millicores =
      systemMillicores(node, host.health.memoryExhausted) +
      containers.reduce((sum, c) => sum + c.cpuMillicores, 0);
    const usedKi = host.options.memoryKi - host.memoryAvailableKi();
    const latest = sampleMs(schedule, k, name);
    out.push({
      kind: "NodeMetrics",
      apiVersion: "metrics.k8s.io/v1beta1",
      metadata: withLabels({ name, creationTimestamp: created }, node.metadata?.labels),
      timestamp: rfc3339(latest),
      window: goSeconds(latest - sampleMs(schedule, k - 1, name)),
      usage: {
        cpu: cpuQuantity(cpuSample(millicores, name, k)),
        memory: memoryQuantity(memorySample(usedKi, name, k)),
      },
    });
  }
  return out;
}

/**
 * GET /apis/metrics.k8s.io/v1beta1/[namespaces/NS/]pods: pods with at least one container that
 * was already running at the previous scrape, sorted by namespace and name. Pods on a node whose
 * container runtime does not answer have no container stats and are left out.
 */
export function podMetrics(cluster: Cluster, namespace?: string): PodMetrics[] {
  const schedule = scrapes(cluster);
  if (!schedule || schedule.latest < 1) return [];
  const k = schedule.latest;
  const created = rfc3339(cluster.clock.now());
  const byPod = new Map<string, RunningContainer[]>();
  for (const name of cluster.nodeNames()) {
    if (cluster.nodeHost(name)?.criResponding() === false) continue;
    for (const c of cluster.runningContainers(name)) {
      if (namespace !== undefined && c.namespace !== namespace) continue;
      if (c.startedMs > sampleMs(schedule, k - 1, c.podUid)) continue;
      const list = byPod.get(c.podUid) ?? [];
      list.push(c);
      byPod.set(c.podUid, list);
    }
  }
  const out: PodMetrics[] = [];
  for (const [uid, containers] of byPod) {
    const first = containers[0];
    if (!first) continue;
    const pod = cluster.store.read<Pod>("pods", first.namespace, first.pod);
    if (!pod) continue;
    const latest = sampleMs(schedule, k, uid);
    out.push({
      kind: "PodMetrics",
      apiVersion: "metrics.k8s.io/v1beta1",
      metadata: withLabels(
        { name: first.pod, namespace: first.namespace, creationTimestamp: created },
        pod.metadata?.labels,
      ),
      timestamp: rfc3339(latest),
      window: goSeconds(latest - sampleMs(schedule, k - 1, uid)),
      containers: containers.map((c) => {
        const source = `${uid}/${c.container}`;
        return {
          name: c.container,
          usage: {
            cpu: cpuQuantity(cpuSample(c.cpuMillicores, source, k)),
            memory: memoryQuantity(memorySample(c.memoryMi * 1024, source, k)),
          },
        };
      }),
    });
  }
  return out.sort(
    (a, b) =>
      a.metadata.namespace.localeCompare(b.metadata.namespace) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}
