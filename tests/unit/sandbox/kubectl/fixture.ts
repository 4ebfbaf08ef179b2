/**
 * The cluster state the reference transcripts were recorded against
 * (../shared/reference/kubectl-transcripts, copied to ./golden): nodes node-1 (control plane) and
 * node-2, the crash-looping webapp pod of ReplicaSet webapp-6f7d8c9b5 on node-2 with its five
 * events, and kube-proxy-x7k2p of DaemonSet kube-proxy. Golden tests run the built-in kubectl on
 * this state and compare with what the real kubectl printed.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Event, Node, Pod } from "kubernetes-types/core/v1.d.ts";
import { VirtualClock } from "../../../../src/sandbox/cluster/clock.ts";
import { SeededRandom } from "../../../../src/sandbox/cluster/random.ts";
import { ObjectStore, StoreError, type KubeObject } from "../../../../src/sandbox/cluster/store.ts";
import type {
  ContainerLogLine,
  KubectlCluster,
  KubectlEnv,
} from "../../../../src/sandbox/kubectl/env.ts";
import { runKubectl } from "../../../../src/sandbox/kubectl/index.ts";

const GOLDEN = new URL("./golden/", import.meta.url);

export interface Transcript {
  command: string;
  output: string;
  exitCode: number;
}

/** A recorded run: `$ command`, the combined output, `[exit=N]`. */
export function transcript(name: string): Transcript {
  const text = readFileSync(new URL(`${name}.txt`, GOLDEN), "utf8");
  const firstNewline = text.indexOf("\n");
  const command = text.slice(2, firstNewline);
  const exitAt = text.lastIndexOf("[exit=");
  return {
    command,
    output: text.slice(firstNewline + 1, exitAt),
    exitCode: Number(/\[exit=(\d+)\]/.exec(text.slice(exitAt))?.[1] ?? "-1"),
  };
}

/** The webapp pod exactly as the API served it (03-get-pod-yaml). */
export function webappPod(): Pod {
  const { output } = transcript("03-get-pod-yaml");
  return parse(output) as Pod;
}

const NOW = Date.parse("2026-11-24T20:31:18Z");
const NODE_CREATED = "2026-11-21T20:31:17Z";

function node(name: string, ip: string, controlPlane: boolean, uid: string): Node {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": name,
    "kubernetes.io/os": "linux",
  };
  if (controlPlane) labels["node-role.kubernetes.io/control-plane"] = "";
  const heartbeat = "2026-11-24T20:30:57Z";
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: NODE_CREATED,
    reason,
    message,
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      uid,
      creationTimestamp: NODE_CREATED,
      labels,
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: { podCIDR: "10.244.0.0/24", podCIDRs: ["10.244.0.0/24"] },
    status: {
      conditions: [
        condition(
          "MemoryPressure",
          "False",
          "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available",
        ),
        condition(
          "DiskPressure",
          "False",
          "KubeletHasNoDiskPressure",
          "kubelet has no disk pressure",
        ),
        condition(
          "PIDPressure",
          "False",
          "KubeletHasSufficientPID",
          "kubelet has sufficient PID available",
        ),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      addresses: [
        { type: "InternalIP", address: ip },
        { type: "Hostname", address: name },
      ],
      capacity: {
        cpu: "4",
        "ephemeral-storage": "102350Mi",
        "hugepages-2Mi": "0",
        memory: "8145440Ki",
        pods: "110",
      },
      allocatable: {
        cpu: "4",
        "ephemeral-storage": "102350Mi",
        "hugepages-2Mi": "0",
        memory: "8043040Ki",
        pods: "110",
      },
      nodeInfo: {
        machineID: "a1b2c3",
        systemUUID: "a1b2c3",
        bootID: "b00t",
        kernelVersion: "6.1.0-18-amd64",
        osImage: "Ubuntu 22.04.4 LTS",
        operatingSystem: "linux",
        architecture: "amd64",
        containerRuntimeVersion: "containerd://1.7.13",
        kubeletVersion: "v1.32.0",
        kubeProxyVersion: "v1.32.0",
      },
    },
  };
}

function kubeProxyPod(): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "kube-proxy-x7k2p",
      namespace: "kube-system",
      uid: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
      creationTimestamp: NODE_CREATED,
      labels: { "k8s-app": "kube-proxy" },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "DaemonSet",
          name: "kube-proxy",
          uid: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: "node-2",
      containers: [{ name: "kube-proxy", image: "registry.k8s.io/kube-proxy:v1.32.0" }],
    },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "kube-proxy",
          ready: true,
          restartCount: 0,
          image: "registry.k8s.io/kube-proxy:v1.32.0",
          imageID: "",
          state: { running: { startedAt: NODE_CREATED } },
        },
      ],
    },
  };
}

function podEvent(
  suffix: string,
  reason: string,
  type: string,
  message: string,
  options: { first: string; last: string; count: number; kubelet: boolean },
): Event {
  const pod = "webapp-6f7d8c9b5-abcde";
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: `${pod}.17c0a1b2c3d4e5f${suffix}`,
      namespace: "default",
      creationTimestamp: options.first,
    },
    involvedObject: {
      apiVersion: "v1",
      kind: "Pod",
      name: pod,
      namespace: "default",
      uid: "3f9c1a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
      ...(options.kubelet ? { fieldPath: "spec.containers{webapp}" } : {}),
    },
    reason,
    type,
    message,
    source: options.kubelet
      ? { component: "kubelet", host: "node-2" }
      : { component: "default-scheduler" },
    firstTimestamp: options.first,
    lastTimestamp: options.last,
    count: options.count,
  };
}

const FAILED =
  'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/start": permission denied: unknown';

export function webappEvents(): Event[] {
  const first = "2026-11-24T20:21:17Z";
  const repeated = {
    first: "2026-11-24T20:21:18Z",
    last: "2026-11-24T20:29:58Z",
    count: 7,
    kubelet: true,
  };
  return [
    podEvent(
      "0",
      "Scheduled",
      "Normal",
      "Successfully assigned default/webapp-6f7d8c9b5-abcde to node-2",
      {
        first,
        last: first,
        count: 1,
        kubelet: false,
      },
    ),
    podEvent(
      "1",
      "Pulled",
      "Normal",
      'Container image "registry.example.com/webapp:1.4.2" already present on machine',
      repeated,
    ),
    podEvent("2", "Created", "Normal", "Created container: webapp", repeated),
    podEvent("3", "Failed", "Warning", FAILED, repeated),
    podEvent(
      "4",
      "BackOff",
      "Warning",
      "Back-off restarting failed container webapp in pod webapp-6f7d8c9b5-abcde_default(3f9c1a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b)",
      { first: "2026-11-24T20:21:18Z", last: "2026-11-24T20:31:03Z", count: 28, kubelet: true },
    ),
  ];
}

class LogsError extends Error {
  override name = "LogsError";
}

/** The KubectlCluster surface over a plain store, with the transcripts' state loaded. */
export class FixtureCluster implements KubectlCluster {
  readonly clock = new VirtualClock(NOW);
  readonly random = new SeededRandom(7);
  readonly store = new ObjectStore(this.clock, this.random);
  readonly logs = new Map<string, ContainerLogLine[]>();

  constructor() {
    this.store.create("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "default", creationTimestamp: NODE_CREATED },
      status: { phase: "Active" },
    } as KubeObject);
    this.store.create("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "kube-system", creationTimestamp: NODE_CREATED },
      status: { phase: "Active" },
    } as KubeObject);
    this.store.create(
      "nodes",
      node("node-1", "172.18.0.2", true, "0b3c1f52-9d4e-4a7b-8c6d-5e4f3a2b1c0d"),
    );
    this.store.create(
      "nodes",
      node("node-2", "172.18.0.3", false, "161c284c-7a37-4708-8ce3-aebabdd5743f"),
    );
    this.store.create("leases", {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "node-2", namespace: "kube-node-lease" },
      spec: { holderIdentity: "node-2", renewTime: "2026-11-24T20:31:12.000000Z" },
    } as KubeObject);
    this.store.create("daemonsets", {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: {
        name: "kube-proxy",
        namespace: "kube-system",
        uid: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        creationTimestamp: NODE_CREATED,
      },
      spec: {
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        template: {
          metadata: { labels: { "k8s-app": "kube-proxy" } },
          spec: {
            containers: [{ name: "kube-proxy", image: "registry.k8s.io/kube-proxy:v1.32.0" }],
          },
        },
      },
      status: {
        desiredNumberScheduled: 2,
        currentNumberScheduled: 2,
        numberReady: 2,
        updatedNumberScheduled: 2,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    } as KubeObject);
    this.store.create("replicasets", {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "webapp-6f7d8c9b5",
        namespace: "default",
        uid: "227d8937-8931-400e-93a9-a710353d3cca",
        creationTimestamp: "2026-11-24T20:21:17Z",
        labels: { app: "webapp", "pod-template-hash": "6f7d8c9b5" },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "webapp", "pod-template-hash": "6f7d8c9b5" } },
        template: {
          metadata: { labels: { app: "webapp", "pod-template-hash": "6f7d8c9b5" } },
          spec: { containers: [{ name: "webapp", image: "registry.example.com/webapp:1.4.2" }] },
        },
      },
      status: { replicas: 1, readyReplicas: 0, availableReplicas: 0 },
    } as KubeObject);
    this.store.create("pods", webappPod());
    this.store.create("pods", kubeProxyPod());
    for (const event of webappEvents()) this.store.create("events", event);
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  create<T extends KubeObject>(resource: string, object: T): T {
    return this.store.create(resource, object);
  }

  updateObject<T extends KubeObject>(resource: string, object: T): T {
    return this.store.update(resource, object);
  }

  deletePod(namespace: string, name: string): unknown {
    return this.store.delete("pods", namespace, name);
  }

  evictPod(namespace: string, name: string): void {
    this.store.delete("pods", namespace, name);
  }

  cordon(node: string): void {
    this.store.mutate<Node>("nodes", undefined, node, (n) => {
      n.spec = { ...n.spec, unschedulable: true };
    });
  }

  uncordon(node: string): void {
    this.store.mutate<Node>("nodes", undefined, node, (n) => {
      const spec = { ...n.spec };
      delete spec.unschedulable;
      n.spec = spec;
    });
  }

  podLogs(
    namespace: string,
    pod: string,
    container: string | undefined,
    options: { previous?: boolean } = {},
  ): ContainerLogLine[] {
    if (!this.store.get("pods", namespace, pod))
      throw new StoreError("NotFound", `pods "${pod}" not found`);
    const key = `${namespace}/${pod}/${container ?? ""}/${options.previous === true ? "previous" : "current"}`;
    const lines = this.logs.get(key);
    if (lines) return lines;
    if (options.previous === true)
      throw new LogsError(
        `previous terminated container "${container ?? ""}" in pod "${pod}" not found`,
      );
    throw new LogsError(
      `container "${container ?? ""}" in pod "${pod}" is waiting to start: CrashLoopBackOff`,
    );
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order written, as a terminal shows them. */
  output: string;
  exitCode: number;
}

/** Runs one kubectl command line (split on spaces, with '...' quoting) on a cluster. */
export async function kubectl(
  cluster: KubectlCluster,
  line: string,
  extra: Partial<KubectlEnv> = {},
): Promise<RunResult> {
  const argv = splitWords(line).slice(1);
  let stdout = "";
  let stderr = "";
  let output = "";
  const exitCode = await runKubectl(argv, {
    cluster,
    stdout: (t) => {
      stdout += t;
      output += t;
    },
    stderr: (t) => {
      stderr += t;
      output += t;
    },
    readFile: () => {
      throw new Error("no such file");
    },
    namespace: "default",
    columns: 120,
    isTTY: false,
    signal: AbortSignal.abort(),
    ...extra,
  });
  return { stdout, stderr, output, exitCode };
}

function splitWords(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | undefined;
  let inWord = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === " ") {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/**
 * Ages and "(x ago)" change with the clock, and resourceVersions with the store's history; golden
 * comparisons replace them with markers (ages and timestamps are all they normalise).
 */
export function normalizeAges(text: string): string {
  return text
    .replace(/(?<![\w.-])\d+[smhdy](\d+[smhd])?(?![\w.-])/g, "<age>")
    .replace(/resourceVersion: "\d+"/g, 'resourceVersion: "<rv>"');
}
