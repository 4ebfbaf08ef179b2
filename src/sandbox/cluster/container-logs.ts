/**
 * Which run of a container a log request reads, decided from the pod's status as the kubelet's
 * validateContainerLogStatus (pkg/kubelet/kubelet_pods.go) decides it: `previous` reads
 * lastState.terminated; otherwise the running container, else the terminated one, else the last
 * terminated run (so `kubectl logs` of a crash-looping container shows its last run without
 * --previous), and only a container with no run yet answers "is waiting to start".
 */
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.d.ts";
import { LogsError } from "./kubelet.ts";

/** The run whose log is read: the current container, or the one in lastState.terminated. */
export type LogSource = "current" | "last-terminated";

/** What reads a run's lines: the cluster's podLogs (previous: the lastState.terminated run). */
export interface ContainerLogReader<Line> {
  podLogs(
    namespace: string,
    pod: string,
    container: string | undefined,
    options: { previous?: boolean },
  ): readonly Line[];
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  const status = pod.status;
  return [
    ...(status?.containerStatuses ?? []),
    ...(status?.initContainerStatuses ?? []),
    ...(status?.ephemeralContainerStatuses ?? []),
  ].find((s) => s.name === container);
}

/** The kubelet's pick of a run for GET pods/NAME/log, or its 400 message (LogsError). */
export function logSource(pod: Pod, container: string, previous: boolean): LogSource {
  const podName = pod.metadata?.name ?? "";
  const subject = `container "${container}" in pod "${podName}"`;
  const status = statusOf(pod, container);
  if (!status) throw new LogsError(`${subject} is waiting to start: ContainerCreating`);
  const lastTerminated = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) {
    if (!lastTerminated?.containerID)
      throw new LogsError(`previous terminated ${subject} not found`);
    return "last-terminated";
  }
  if (running) return "current";
  if (terminated) {
    if (terminated.containerID) return "current";
    // The next container did not start: its terminated state has no ID, the last run does.
    if (lastTerminated?.containerID) return "last-terminated";
    throw new LogsError(`${subject} is terminated`);
  }
  if (lastTerminated) {
    if (!lastTerminated.containerID) throw new LogsError(`${subject} is terminated`);
    return "last-terminated";
  }
  if (waiting) {
    const reason = waiting.reason ?? "";
    if (reason === "ErrImagePull")
      throw new LogsError(`${subject} is waiting to start: image can't be pulled`);
    if (reason === "ImagePullBackOff")
      throw new LogsError(`${subject} is waiting to start: trying and failing to pull image`);
    throw new LogsError(`${subject} is waiting to start: ${reason}`);
  }
  throw new LogsError(`${subject} is waiting to start - no logs yet`);
}

/**
 * The lines `GET pods/NAME/log` returns for a container. Which container (the only one, or the
 * API server's "a container name must be specified" / "is not valid" answers) and a pod on no
 * node are left to the reader; the run is chosen from the status by logSource.
 */
export function containerLogs<Line>(
  reader: ContainerLogReader<Line>,
  pod: Pod,
  container: string | undefined,
  options: { previous?: boolean } = {},
): readonly Line[] {
  const namespace = pod.metadata?.namespace ?? "default";
  const podName = pod.metadata?.name ?? "";
  const containers = pod.spec?.containers ?? [];
  const name = container ?? (containers.length === 1 ? containers[0]?.name : undefined);
  const known = [
    ...containers,
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].some((c) => c.name === name);
  if (name === undefined || !known || !pod.spec?.nodeName)
    return reader.podLogs(namespace, podName, container, options);
  const source = logSource(pod, name, options.previous === true);
  return reader.podLogs(namespace, podName, name, { previous: source === "last-terminated" });
}
