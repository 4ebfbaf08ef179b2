/** `kubectl describe node` (kubectl's describeNode, v1.32, with the node's Lease). */
import type { Event, Node, Pod } from "kubernetes-types/core/v1.d.ts";
import type { Lease } from "kubernetes-types/coordination/v1.d.ts";
import { ageSince, rfc1123z } from "../duration.ts";
import { nodeRoles } from "../tables/nodes.ts";
import { writeEvents } from "./events.ts";
import { formatBytes, formatCpu, parseQuantity } from "./quantity.ts";
import { DescribeWriter, writeAnnotations, writeLabels } from "./writer.ts";

/** Resource names in describe's order (SortableResourceNames: plain string order). */
function sortedEntries(list: Record<string, string | number> | undefined): [string, string][] {
  return Object.entries(list ?? {})
    .map(([k, v]): [string, string] => [k, String(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function podTotals(
  pod: Pod,
  kind: "requests" | "limits",
): { cpu: number; memory: number; storage: number } {
  const totals = { cpu: 0, memory: 0, storage: 0 };
  for (const c of pod.spec?.containers ?? []) {
    const list = c.resources?.[kind] ?? {};
    totals.cpu += parseQuantity(list["cpu"]);
    totals.memory += parseQuantity(list["memory"]);
    totals.storage += parseQuantity(list["ephemeral-storage"]);
  }
  return totals;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100);
}

export function describeNode(
  node: Node,
  pods: readonly Pod[],
  events: readonly Event[] | undefined,
  lease: Lease | undefined,
  nowMs: number,
): string {
  const w = new DescribeWriter();
  const meta = node.metadata ?? {};
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, "Annotations", meta.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  const taints = [...(node.spec?.taints ?? [])].sort((a, b) =>
    `${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1,
  );
  w.write(0, "Taints:\t");
  if (taints.length === 0) w.write(0, "<none>\n");
  taints.forEach((t, i) => {
    if (i !== 0) w.write(0, "\t");
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}\n`);
  });
  w.write(0, `Unschedulable:\t${String(node.spec?.unschedulable ?? false)}\n`);
  w.write(0, "Lease:\n");
  w.write(1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? "<unset>"}\n`);
  w.write(
    1,
    `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : "<unset>"}\n`,
  );
  w.write(
    1,
    `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : "<unset>"}\n`,
  );
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(
      0,
      "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
    );
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
    }
  }
  w.write(0, "Addresses:\n");
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const capacity = node.status?.capacity;
  const allocatable = node.status?.allocatable;
  if (Object.keys(capacity ?? {}).length > 0) {
    w.write(0, "Capacity:\n");
    for (const [k, v] of sortedEntries(capacity)) w.write(0, `  ${k}:\t${v}\n`);
  }
  if (Object.keys(allocatable ?? {}).length > 0) {
    w.write(0, "Allocatable:\n");
    for (const [k, v] of sortedEntries(allocatable)) w.write(0, `  ${k}:\t${v}\n`);
  }
  const info = node.status?.nodeInfo;
  w.write(0, "System Info:\n");
  w.write(0, `  Machine ID:\t${info?.machineID ?? ""}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ""}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ""}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ""}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ""}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ""}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ""}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ""}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ""}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ""}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);

  const alloc = Object.keys(allocatable ?? {}).length > 0 ? allocatable : capacity;
  const allocCpu = parseQuantity(alloc?.["cpu"]);
  const allocMemory = parseQuantity(alloc?.["memory"]);
  const allocStorage = parseQuantity(alloc?.["ephemeral-storage"]);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const sum = { rc: 0, lc: 0, rm: 0, lm: 0, rs: 0, ls: 0 };
  for (const pod of pods) {
    const req = podTotals(pod, "requests");
    const lim = podTotals(pod, "limits");
    sum.rc += req.cpu;
    sum.lc += lim.cpu;
    sum.rm += req.memory;
    sum.lm += lim.memory;
    sum.rs += req.storage;
    sum.ls += lim.storage;
    w.write(
      1,
      `${pod.metadata?.namespace ?? ""}\t${pod.metadata?.name ?? ""}\t\t${formatCpu(req.cpu)} (${percent(req.cpu, allocCpu)}%)\t${formatCpu(lim.cpu)} (${percent(lim.cpu, allocCpu)}%)\t${formatBytes(req.memory)} (${percent(req.memory, allocMemory)}%)\t${formatBytes(lim.memory)} (${percent(lim.memory, allocMemory)}%)\t${ageSince(pod.metadata?.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(
    0,
    "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
  );
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  w.write(
    1,
    `cpu\t${formatCpu(sum.rc)} (${percent(sum.rc, allocCpu)}%)\t${formatCpu(sum.lc)} (${percent(sum.lc, allocCpu)}%)\n`,
  );
  w.write(
    1,
    `memory\t${formatBytes(sum.rm)} (${percent(sum.rm, allocMemory)}%)\t${formatBytes(sum.lm)} (${percent(sum.lm, allocMemory)}%)\n`,
  );
  w.write(
    1,
    `ephemeral-storage\t${formatBytes(sum.rs)} (${percent(sum.rs, allocStorage)}%)\t${formatBytes(sum.ls)} (${percent(sum.ls, allocStorage)}%)\n`,
  );
  for (const name of Object.keys(alloc ?? {})
    .filter((k) => k.startsWith("hugepages-"))
    .sort()) {
    w.write(1, `${name}\t0 (0%)\t0 (0%)\n`);
  }
  if (events) writeEvents(w, events, nowMs);
  return w.toString();
}
