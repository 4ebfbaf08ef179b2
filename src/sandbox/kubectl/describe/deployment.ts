/** `kubectl describe deployment` (describeDeployment with its pod template and ReplicaSets). */
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import type { Event } from "kubernetes-types/core/v1.d.ts";
import { rfc1123z } from "../duration.ts";
import { formatLabelSelector } from "../tables/types.ts";
import { writePodTemplate } from "./pod-template.ts";
import { writeEvents } from "./events.ts";
import { DescribeWriter, writeAnnotations, writeLabels } from "./writer.ts";

function replicaSets(list: readonly ReplicaSet[]): string {
  if (list.length === 0) return "<none>";
  return list
    .map(
      (rs) =>
        `${rs.metadata?.name ?? ""} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
    )
    .join(", ");
}

export function describeDeployment(
  d: Deployment,
  oldSets: readonly ReplicaSet[],
  newSets: readonly ReplicaSet[],
  events: readonly Event[] | undefined,
  nowMs: number,
): string {
  const w = new DescribeWriter();
  const meta = d.metadata ?? {};
  const spec = d.spec;
  const status = d.status;
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ""}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, "Annotations", meta.annotations);
  const selector = formatLabelSelector(spec?.selector);
  w.write(0, `Selector:\t${selector === "<none>" ? "" : selector}\n`);
  w.write(
    0,
    `Replicas:\t${spec?.replicas ?? 1} desired | ${status?.updatedReplicas ?? 0} updated | ${status?.replicas ?? 0} total | ${status?.availableReplicas ?? 0} available | ${status?.unavailableReplicas ?? 0} unavailable\n`,
  );
  const strategy = spec?.strategy;
  w.write(0, `StrategyType:\t${strategy?.type ?? "RollingUpdate"}\n`);
  w.write(0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
  if (
    strategy?.rollingUpdate ||
    strategy?.type === undefined ||
    strategy.type === "RollingUpdate"
  ) {
    const ru = strategy?.rollingUpdate;
    w.write(
      0,
      `RollingUpdateStrategy:\t${String(ru?.maxUnavailable ?? "25%")} max unavailable, ${String(ru?.maxSurge ?? "25%")} max surge\n`,
    );
  }
  writePodTemplate(w, spec?.template);
  const conditions = status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  if (oldSets.length > 0 || newSets.length > 0) {
    w.write(0, `OldReplicaSets:\t${replicaSets(oldSets)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSets(newSets)}\n`);
  }
  if (events) writeEvents(w, events, nowMs);
  return w.toString();
}
