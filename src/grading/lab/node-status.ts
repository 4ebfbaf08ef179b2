/** Reading a node's health the way an engineer reads `kubectl get nodes` and `describe node`. */
import type { Node, NodeCondition } from "kubernetes-types/core/v1.d.ts";

function readyCondition(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((condition) => condition.type === "Ready");
}

/** Ready as `kubectl get nodes` prints it: the Ready condition is True (NotReady or Unknown otherwise). */
export function nodeIsReady(node: Node): boolean {
  return readyCondition(node)?.status === "True";
}

/** Ready since at least `sinceMs` (epoch ms): the condition's last transition to True is that old. */
export function nodeReadySince(node: Node, sinceMs: number): boolean {
  const condition = readyCondition(node);
  if (condition?.status !== "True") return false;
  const since = condition.lastTransitionTime;
  return since !== undefined && Date.parse(since) <= sinceMs;
}
