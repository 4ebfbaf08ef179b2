/** `kubectl describe pod` (kubectl's describePod, v1.32). */
import type { Event, Pod } from "kubernetes-types/core/v1.d.ts";
import { ageSince, rfc1123z } from "../duration.ts";
import { writeContainers, writeTolerations, writeVolumes } from "./containers.ts";
import { writeEvents } from "./events.ts";
import { DescribeWriter, writeAnnotations, writeLabels } from "./writer.ts";

/** "Kind/name" of the controlling owner reference, as printController does. */
export function controllerOf(
  owners: readonly { kind: string; name: string; controller?: boolean }[] | undefined,
): string {
  const owner = owners?.find((o) => o.controller === true);
  return owner ? `${owner.kind}/${owner.name}` : "";
}

/** GetPodQOS when the API has not filled status.qosClass. */
function qosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers = pod.spec?.containers ?? [];
  const hasAny = containers.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length > 0 ||
      Object.keys(c.resources?.limits ?? {}).length > 0,
  );
  if (!hasAny) return "BestEffort";
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? {};
    return ["cpu", "memory"].every(
      (r) => limits[r] !== undefined && (requests[r] ?? limits[r]) === limits[r],
    );
  });
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function describePod(pod: Pod, events: readonly Event[] | undefined, nowMs: number): string {
  const w = new DescribeWriter();
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const status = pod.status;
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ""}\n`);
  if (spec?.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec?.nodeName) w.write(0, "Node:\t<none>\n");
  else w.write(0, `Node:\t${spec.nodeName}/${status?.hostIP ?? ""}\n`);
  if (status?.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, "Annotations", meta.annotations);
  if (meta.deletionTimestamp && status?.phase !== "Failed" && status?.phase !== "Succeeded") {
    w.write(0, `Status:\tTerminating (lasts ${ageSince(meta.deletionTimestamp, nowMs)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status?.phase ?? ""}\n`);
  if (status?.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === "Localhost")
      w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ""}\n`);
  }
  w.write(0, `IP:\t${status?.podIP ?? ""}\n`);
  const ips = status?.podIPs ?? [];
  if (ips.length === 0) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(meta.ownerReferences);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status?.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec?.initContainers?.length) {
    writeContainers(w, "Init Containers", spec.initContainers, status?.initContainerStatuses, "");
  }
  writeContainers(w, "Containers", spec?.containers ?? [], status?.containerStatuses, "");
  if (spec?.ephemeralContainers?.length) {
    writeContainers(
      w,
      "Ephemeral Containers",
      spec.ephemeralContainers,
      status?.ephemeralContainerStatuses,
      "",
    );
  }
  const gates = spec?.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(0, "Readiness Gates:\n  Type\tStatus\n");
    for (const g of gates) {
      const condition = status?.conditions?.find((c) => c.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${condition?.status ?? "<none>"} \n`);
    }
  }
  const conditions = status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, spec?.volumes ?? [], "");
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  writeLabels(w, "Node-Selectors", spec?.nodeSelector);
  writeTolerations(w, "Tolerations", spec?.tolerations);
  if (events) writeEvents(w, events, nowMs);
  return w.toString();
}
