/** `kubectl describe replicaset` (describeReplicaSet, v1.32). */
import type { ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import type { Event, Pod } from "kubernetes-types/core/v1.d.ts";
import { formatLabelSelector } from "../tables/types.ts";
import { writeEvents } from "./events.ts";
import { controllerOf } from "./pod.ts";
import { writePodTemplate } from "./pod-template.ts";
import { DescribeWriter, writeAnnotations, writeLabels } from "./writer.ts";

/** getPodStatusForController: the controller's own pods by phase. */
export function podPhases(pods: readonly Pod[], ownerUid: string | undefined): string {
  const count = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of pods) {
    const owner = pod.metadata?.ownerReferences?.find((o) => o.controller === true);
    if (owner?.uid !== ownerUid) continue;
    const phase = pod.status?.phase;
    if (phase === "Running" || phase === "Pending" || phase === "Succeeded" || phase === "Failed")
      count[phase]++;
  }
  return `${count.Running} Running / ${count.Pending} Waiting / ${count.Succeeded} Succeeded / ${count.Failed} Failed`;
}

export function describeReplicaSet(
  rs: ReplicaSet,
  pods: readonly Pod[],
  events: readonly Event[] | undefined,
  nowMs: number,
): string {
  const w = new DescribeWriter();
  const meta = rs.metadata ?? {};
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ""}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, "Annotations", meta.annotations);
  const controlledBy = controllerOf(meta.ownerReferences);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(
    0,
    `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`,
  );
  w.write(0, `Pods Status:\t${podPhases(pods, meta.uid)}\n`);
  writePodTemplate(w, rs.spec?.template);
  const conditions = rs.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  if (events) writeEvents(w, events, nowMs);
  return w.toString();
}
