/**
 * The default scheduler's filters and a simple score: a pod goes only to a Ready node that is not
 * cordoned, whose taints it tolerates, whose labels match its nodeSelector (and DaemonSet
 * affinity), and that has room for its requests; among those, the node running fewest pods of the
 * same owner, then the least loaded. The FailedScheduling message counts the reasons like
 * kube-scheduler v1.32 does.
 */
import type { Node, Pod, Taint, Toleration } from "kubernetes-types/core/v1.d.ts";
import type { EngineContext } from "./context.ts";
import { cpuMillis, memoryMi } from "./exit-status.ts";
import type { Writable } from "./store.ts";
import { rfc3339 } from "./time-format.ts";

export function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== "" && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return t.key === undefined || t.key === "" || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

function nodeTaints(node: Node): Taint[] {
  const taints = [...(node.spec?.taints ?? [])];
  if (
    node.spec?.unschedulable === true &&
    !taints.some((t) => t.key === "node.kubernetes.io/unschedulable")
  ) {
    taints.push({ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" });
  }
  return taints;
}

function requests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += cpuMillis(c.resources?.requests?.["cpu"]);
    memory += memoryMi(c.resources?.requests?.["memory"]) ?? 0;
  }
  return { cpu, memory };
}

function requiredNodeName(pod: Pod): string | undefined {
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    const field = term.matchFields?.find((f) => f.key === "metadata.name" && f.operator === "In");
    if (field?.values?.[0] !== undefined) return field.values[0];
  }
  return undefined;
}

type Verdict = { fits: true } | { fits: false; reason: string };

export class Scheduler {
  readonly #ctx: EngineContext;
  /** The last FailedScheduling message per pod, so a repeat pass does not repeat the event. */
  readonly #lastFailure = new Map<string, string>();

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  #verdict(pod: Pod, node: Node, podsOnNode: readonly Pod[]): Verdict {
    const wanted = requiredNodeName(pod);
    if (wanted !== undefined && wanted !== node.metadata?.name)
      return { fits: false, reason: "node(s) didn't match Pod's node affinity/selector" };
    const selector = pod.spec?.nodeSelector ?? {};
    const labels = node.metadata?.labels ?? {};
    if (Object.entries(selector).some(([k, v]) => labels[k] !== v))
      return { fits: false, reason: "node(s) didn't match Pod's node affinity/selector" };
    const tolerations = pod.spec?.tolerations ?? [];
    for (const taint of nodeTaints(node)) {
      if (taint.effect === "PreferNoSchedule" || tolerates(tolerations, taint)) continue;
      if (taint.key === "node.kubernetes.io/unschedulable")
        return { fits: false, reason: "node(s) were unschedulable" };
      return {
        fits: false,
        reason: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`,
      };
    }
    const ready = node.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
    if (!ready)
      return {
        fits: false,
        reason: "node(s) had untolerated taint {node.kubernetes.io/not-ready: }",
      };
    const allocatable = node.status.allocatable ?? {};
    if (podsOnNode.length + 1 > Number(allocatable["pods"] ?? 110))
      return { fits: false, reason: "Too many pods" };
    const want = requests(pod);
    let cpu = 0;
    let memory = 0;
    for (const other of podsOnNode) {
      const r = requests(other);
      cpu += r.cpu;
      memory += r.memory;
    }
    if (want.cpu > 0 && cpu + want.cpu > cpuMillis(allocatable["cpu"]))
      return { fits: false, reason: "Insufficient cpu" };
    if (want.memory > 0 && memory + want.memory > (memoryMi(allocatable["memory"]) ?? 0))
      return { fits: false, reason: "Insufficient memory" };
    return { fits: true };
  }

  /** Binds every pending pod it can; returns true when it changed anything. */
  schedule(): boolean {
    const { store } = this.#ctx;
    const pending = store
      .readList<Pod>("pods", { fieldSelector: "spec.nodeName=" })
      .filter(
        (p) =>
          p.metadata?.deletionTimestamp === undefined &&
          (p.spec?.schedulerName ?? "default-scheduler") === "default-scheduler",
      );
    if (pending.length === 0) return false;
    const nodes = store.readList<Node>("nodes");
    const active = store
      .readList<Pod>("pods")
      .filter(
        (p) =>
          p.spec?.nodeName !== undefined &&
          p.spec.nodeName !== "" &&
          p.status?.phase !== "Succeeded" &&
          p.status?.phase !== "Failed",
      );
    let changed = false;
    for (const pod of pending) {
      const counts = new Map<string, number>();
      let best: { node: Node; sameOwner: number; load: number } | undefined;
      for (const node of nodes) {
        const name = node.metadata?.name ?? "";
        const onNode = active.filter((p) => p.spec?.nodeName === name);
        const verdict = this.#verdict(pod, node, onNode);
        if (!verdict.fits) {
          counts.set(verdict.reason, (counts.get(verdict.reason) ?? 0) + 1);
          continue;
        }
        const owner = pod.metadata?.ownerReferences?.[0]?.uid;
        const sameOwner =
          owner === undefined
            ? 0
            : onNode.filter((p) => p.metadata?.ownerReferences?.[0]?.uid === owner).length;
        const load = onNode.length;
        if (
          !best ||
          sameOwner < best.sameOwner ||
          (sameOwner === best.sameOwner && load < best.load)
        )
          best = { node, sameOwner, load };
      }
      const key = pod.metadata?.uid ?? "";
      if (best) {
        const nodeName = best.node.metadata?.name ?? "";
        this.#bind(pod, nodeName);
        active.push({
          ...pod,
          spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName },
        });
        this.#lastFailure.delete(key);
        changed = true;
        continue;
      }
      const reasons = [...counts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([reason, n]) => `${n} ${reason}`);
      const message = `0/${nodes.length} nodes are available: ${reasons.join(", ")}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
      if (this.#lastFailure.get(key) !== message) {
        this.#lastFailure.set(key, message);
        this.#ctx.events.record(
          { ...pod, apiVersion: "v1", kind: "Pod" },
          "Warning",
          "FailedScheduling",
          message,
          { component: "default-scheduler" },
        );
        store.mutate<Writable<Pod>>(
          "pods",
          pod.metadata?.namespace,
          pod.metadata?.name ?? "",
          (p) => {
            p.status = {
              ...p.status,
              phase: "Pending",
              conditions: [
                {
                  lastProbeTime: null as unknown as string,
                  lastTransitionTime: rfc3339(this.#ctx.clock.now()),
                  message,
                  reason: "Unschedulable",
                  status: "False",
                  type: "PodScheduled",
                },
              ],
            };
          },
        );
      }
    }
    return changed;
  }

  #bind(pod: Pod, nodeName: string): void {
    const namespace = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    const current = this.#ctx.store.read<Pod>("pods", namespace, name);
    if (!current) return;
    this.#ctx.store.replace("pods", {
      ...current,
      spec: { ...current.spec, containers: current.spec?.containers ?? [], nodeName },
      status: {
        ...current.status,
        conditions: [
          {
            lastProbeTime: null as unknown as string,
            lastTransitionTime: rfc3339(this.#ctx.clock.now()),
            status: "True",
            type: "PodScheduled",
          },
        ],
      },
    });
    this.#ctx.events.record(
      { ...pod, apiVersion: "v1", kind: "Pod" },
      "Normal",
      "Scheduled",
      `Successfully assigned ${namespace}/${name} to ${nodeName}`,
      { component: "default-scheduler" },
    );
  }
}
