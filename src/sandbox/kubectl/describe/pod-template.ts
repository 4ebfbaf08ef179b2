/** DescribePodTemplate: the "Pod Template:" section of describe deployment and replicaset. */
import type { PodTemplateSpec } from "kubernetes-types/core/v1.d.ts";
import { writeContainers, writeTolerations, writeVolumes } from "./containers.ts";
import { type DescribeWriter, writeAnnotations, writeLabels } from "./writer.ts";

export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(0, "Pod Template:\n");
  if (!template) {
    w.write(1, "<unset>");
    return;
  }
  writeLabels(w, "Labels", template.metadata?.labels, "  ");
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    writeAnnotations(w, "  Annotations", template.metadata?.annotations);
  }
  const spec = template.spec;
  if (spec?.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec?.initContainers?.length)
    writeContainers(w, "Init Containers", spec.initContainers, undefined, "  ");
  writeContainers(w, "Containers", spec?.containers ?? [], undefined, "  ");
  writeVolumes(w, spec?.volumes ?? [], "  ");
  if (spec?.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeLabels(w, "Node-Selectors", spec?.nodeSelector, "  ");
  writeTolerations(w, "Tolerations", spec?.tolerations, "  ");
}
