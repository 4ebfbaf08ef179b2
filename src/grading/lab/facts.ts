/** Resolving a lab's facts (seed-dependent names) from its cluster. */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { Fact } from "../../schemas/lab.ts";
import type { ClusterView } from "./cluster-view.ts";
import { isTerminating, podEndedWith } from "./pod-status.ts";

function byName(a: Pod, b: Pod): number {
  return (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "");
}

/** The fact's value, or undefined while the cluster does not show it yet. */
export function resolveFact(fact: Fact, cluster: ClusterView): string | undefined {
  if (fact.from === "value") return fact.value;
  const pods = cluster
    .list<Pod>("pods", { namespace: fact.namespace, labelSelector: fact.selector })
    .filter((pod) => !isTerminating(pod))
    .sort(byName);
  const pod =
    fact.from === "failing-pod" ? pods.find((p) => podEndedWith(p, fact.exitCode)) : pods[0];
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
