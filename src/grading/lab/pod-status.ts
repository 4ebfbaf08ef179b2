/** Reading a pod's status the way an engineer reads `kubectl get pods` and `describe`. */
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.d.ts";

export function containerStatuses(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

/** True when a container of the pod (init or main) ended with the exit code, now or last time. */
export function podEndedWith(pod: Pod, exitCode: number): boolean {
  return containerStatuses(pod).some(
    (status) =>
      status.state?.terminated?.exitCode === exitCode ||
      status.lastState?.terminated?.exitCode === exitCode,
  );
}

/** A pod that is being deleted no longer counts as part of its workload. */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

/**
 * Running and Ready, with every main container running since at least `sinceMs` (epoch ms): a
 * container in CrashLoopBackOff passes through Running between failures, so only a steady run
 * proves a fix.
 */
export function podSteadySince(pod: Pod, sinceMs: number): boolean {
  if (pod.status?.phase !== "Running") return false;
  const statuses = pod.status.containerStatuses ?? [];
  if (statuses.length === 0) return false;
  return statuses.every((status) => {
    const startedAt = status.state?.running?.startedAt;
    return status.ready && startedAt !== undefined && Date.parse(startedAt) <= sinceMs;
  });
}
