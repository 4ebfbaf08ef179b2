/** Resolving a lab's facts (seed-dependent names) from its cluster. */
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import type { Fact } from "../../schemas/lab.ts";
import type { ClusterView } from "./cluster-view.ts";
import { nodeIsReady } from "./node-status.ts";
import { isTerminating, podEndedWith } from "./pod-status.ts";

function byName(a: Pod, b: Pod): number {
  return (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "");
}

/** The pod a fact names, or undefined while the cluster does not show it yet. */
function factPod(fact: Exclude<Fact, { from: "value" }>, cluster: ClusterView): Pod | undefined {
  const pods = cluster
    .list<Pod>("pods", { namespace: fact.namespace, labelSelector: fact.selector })
    .sort(byName);
  if (fact.from === "pod-on-not-ready-node") {
    // Evicted pods stay here, Terminating: only the node's kubelet could confirm they are gone.
    return pods.find((pod) => {
      const node = cluster.get<Node>("nodes", undefined, pod.spec?.nodeName ?? "");
      return node !== undefined && !nodeIsReady(node);
    });
  }
  const live = pods.filter((pod) => !isTerminating(pod));
  return fact.from === "failing-pod" ? live.find((p) => podEndedWith(p, fact.exitCode)) : live[0];
}

/** The fact's value, or undefined while the cluster does not show it yet. */
export function resolveFact(fact: Fact, cluster: ClusterView): string | undefined {
  if (fact.from === "value") return fact.value;
  const pod = factPod(fact, cluster);
  if (pod === undefined) return undefined;
  return fact.field === "node" ? pod.spec?.nodeName : pod.metadata?.name;
}

/** Names of the workload's pods that ended with the exit code (now or last time). */
export function failingPodNames(
  cluster: ClusterView,
  namespace: string,
  selector: string,
  exitCode: number,
): string[] {
  return cluster
    .list<Pod>("pods", { namespace, labelSelector: selector })
    .filter((pod) => podEndedWith(pod, exitCode))
    .map((pod) => pod.metadata?.name ?? "");
}
