/** Conditions on the cluster's objects and history (the "state" kind of lab check). */
import type { Deployment } from "kubernetes-types/apps/v1.d.ts";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { Node } from "kubernetes-types/core/v1.d.ts";
import type { StateCheck } from "../../schemas/lab.ts";
import type { ClusterView } from "./cluster-view.ts";
import { nodeReadySince } from "./node-status.ts";
import { isTerminating, podSteadySince } from "./pod-status.ts";
import { fillTemplate, type Facts } from "./template.ts";

function valueAtPath(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function asText(value: unknown): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function stateCheckPasses(check: StateCheck, cluster: ClusterView, facts: Facts): boolean {
  switch (check.state) {
    case "pods-healthy": {
      const pods = cluster
        .list<Pod>("pods", {
          namespace: check.namespace,
          labelSelector: fillTemplate(check.selector, facts),
        })
        .filter((pod) => !isTerminating(pod));
      const since = cluster.now() - check.stableMs;
      return pods.length >= check.minPods && pods.every((pod) => podSteadySince(pod, since));
    }
    case "node-schedulable": {
      const node = cluster.get<Node>("nodes", undefined, fillTemplate(check.node, facts));
      return node !== undefined && node.spec?.unschedulable !== true;
    }
    case "node-cordoned": {
      const node = cluster.get<Node>("nodes", undefined, fillTemplate(check.node, facts));
      return node?.spec?.unschedulable === true;
    }
    case "node-ready": {
      const node = cluster.get<Node>("nodes", undefined, fillTemplate(check.node, facts));
      return node !== undefined && nodeReadySince(node, cluster.now() - check.stableMs);
    }
    case "pods-absent": {
      const prefix = check.namePrefix === undefined ? "" : fillTemplate(check.namePrefix, facts);
      const pods = cluster.list<Pod>("pods", {
        namespace: check.allNamespaces ? undefined : check.namespace,
        labelSelector:
          check.selector === undefined ? undefined : fillTemplate(check.selector, facts),
      });
      return !pods.some(
        (pod) => !isTerminating(pod) && (pod.metadata?.name ?? "").startsWith(prefix),
      );
    }
    case "image": {
      const deployment = cluster.get<Deployment>("deployments", check.namespace, check.deployment);
      const containers = deployment?.spec?.template.spec?.containers ?? [];
      const container =
        check.container === undefined
          ? containers[0]
          : containers.find((c) => c.name === check.container);
      if (container === undefined) return false;
      if (check.image !== undefined && container.image !== check.image) return false;
      return check.notImage === undefined || container.image !== check.notImage;
    }
    case "template-field": {
      const deployment = cluster.get<Deployment>("deployments", check.namespace, check.deployment);
      if (deployment === undefined) return false;
      const value = asText(valueAtPath(deployment.spec?.template.spec, check.path));
      if (check.equals !== undefined && value !== check.equals) return false;
      return check.notEquals === undefined || value !== check.notEquals;
    }
    case "unit-restarted":
      return cluster.unitRestarts(fillTemplate(check.node, facts), check.unit) > 0;
  }
}
