/** `kubectl describe daemonset` (describeDaemonSet, v1.32). */
import type { DaemonSet } from "kubernetes-types/apps/v1.d.ts";
import type { Event, Pod } from "kubernetes-types/core/v1.d.ts";
import { formatLabels, formatLabelSelector } from "../tables/types.ts";
import { writeEvents } from "./events.ts";
import { writePodTemplate } from "./pod-template.ts";
import { podPhases } from "./replicaset.ts";
import { DescribeWriter, writeAnnotations, writeLabels } from "./writer.ts";

export function describeDaemonSet(
  ds: DaemonSet,
  pods: readonly Pod[],
  events: readonly Event[] | undefined,
  nowMs: number,
): string {
  const w = new DescribeWriter();
  const meta = ds.metadata ?? {};
  const s = ds.status;
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  const selector = formatLabelSelector(ds.spec?.selector);
  w.write(0, `Selector:\t${selector === "<none>" ? "" : selector}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template.spec?.nodeSelector)}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, "Annotations", meta.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podPhases(pods, meta.uid)}\n`);
  writePodTemplate(w, ds.spec?.template);
  if (events) writeEvents(w, events, nowMs);
  return w.toString();
}
