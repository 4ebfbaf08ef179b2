/**
 * A Node object as the kubelet registers and reports it (compare `kubectl describe node`):
 * labels, annotations, capacity and allocatable, the four conditions, addresses, nodeInfo.
 */
import type { Node, NodeCondition } from "kubernetes-types/core/v1.d.ts";
import type { NodeSpec } from "../../schemas/scenario.ts";
import { memoryMi } from "./exit-status.ts";
import type { SeededRandom } from "./random.ts";
import { rfc3339 } from "./time-format.ts";

export interface NodeIdentity {
  index: number;
  internalIP: string;
  createdMs: number;
  kubeletVersion: string;
  containerdVersion: string;
  kernelVersion: string;
  osImage: string;
}

/** Condition texts the kubelet sets (pkg/kubelet/nodestatus/setters.go). */
const HEALTHY: readonly [string, string, string][] = [
  ["MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
  ["DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
  ["PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
];

export const MEMORY_PRESSURE: readonly [string, string] = [
  "KubeletHasInsufficientMemory",
  "kubelet has insufficient memory available",
];

/** The Ready condition's state: ready since a time, or not ready with the kubelet's errors. */
export interface Readiness {
  sinceMs: number;
  /** The aggregated runtime errors (KubeletNotReady), absent when the node is ready. */
  notReadyMessage?: string | undefined;
}

export function nodeConditions(
  createdMs: number,
  heartbeatMs: number,
  memoryPressureSinceMs: number | undefined,
  readiness: Readiness = { sinceMs: createdMs },
): NodeCondition[] {
  const conditions: NodeCondition[] = HEALTHY.map(([type, reason, message]) => ({
    lastHeartbeatTime: rfc3339(heartbeatMs),
    lastTransitionTime: rfc3339(createdMs),
    message,
    reason,
    status: "False",
    type,
  }));
  if (memoryPressureSinceMs !== undefined) {
    conditions[0] = {
      lastHeartbeatTime: rfc3339(heartbeatMs),
      lastTransitionTime: rfc3339(memoryPressureSinceMs),
      message: MEMORY_PRESSURE[1],
      reason: MEMORY_PRESSURE[0],
      status: "True",
      type: "MemoryPressure",
    };
  }
  const ready = readiness.notReadyMessage === undefined;
  conditions.push({
    lastHeartbeatTime: rfc3339(heartbeatMs),
    lastTransitionTime: rfc3339(readiness.sinceMs),
    message: readiness.notReadyMessage ?? "kubelet is posting ready status",
    reason: ready ? "KubeletReady" : "KubeletNotReady",
    status: ready ? "True" : "False",
    type: "Ready",
  });
  return conditions;
}

export function buildNode(spec: NodeSpec, id: NodeIdentity, random: SeededRandom): Node {
  const memoryKi = Math.round((memoryMi(spec.memory) ?? 7954) * 1024);
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": spec.name,
    "kubernetes.io/os": "linux",
    ...(spec.role === "control-plane" ? { "node-role.kubernetes.io/control-plane": "" } : {}),
    ...spec.labels,
  };
  const machineId = random.hex(32);
  const taints = spec.taints.map((t) =>
    t.value === undefined
      ? { effect: t.effect, key: t.key }
      : { effect: t.effect, key: t.key, value: t.value },
  );
  const node: Node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
      creationTimestamp: rfc3339(id.createdMs),
      labels,
      name: spec.name,
    },
    spec: { podCIDR: `10.244.${id.index}.0/24`, podCIDRs: [`10.244.${id.index}.0/24`] },
    status: {
      addresses: [
        { address: id.internalIP, type: "InternalIP" },
        { address: spec.name, type: "Hostname" },
      ],
      allocatable: {
        cpu: spec.cpu,
        "ephemeral-storage": "102350Mi",
        "hugepages-2Mi": "0",
        memory: `${memoryKi - 102400}Ki`,
        pods: String(spec.pods),
      },
      capacity: {
        cpu: spec.cpu,
        "ephemeral-storage": "102350Mi",
        "hugepages-2Mi": "0",
        memory: `${memoryKi}Ki`,
        pods: String(spec.pods),
      },
      conditions: nodeConditions(id.createdMs, id.createdMs, undefined),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: [],
      nodeInfo: {
        architecture: "amd64",
        bootID: random.uuid(),
        containerRuntimeVersion: `containerd://${id.containerdVersion}`,
        kernelVersion: id.kernelVersion,
        kubeProxyVersion: id.kubeletVersion,
        kubeletVersion: id.kubeletVersion,
        machineID: machineId,
        operatingSystem: "linux",
        osImage: id.osImage,
        systemUUID: random.uuid(),
      },
    },
  };
  if (taints.length > 0 && node.spec) node.spec.taints = taints;
  if (spec.unschedulable && node.spec) node.spec.unschedulable = true;
  return node;
}
