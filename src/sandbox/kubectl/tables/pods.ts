/**
 * The pods table, as kube-apiserver's printPod computes it (pkg/printers/internalversion):
 * STATUS is the first failing init container ("Init:Error", "Init:CrashLoopBackOff", "Init:1/2"),
 * else the last container with a waiting or terminated reason (CrashLoopBackOff, StartError,
 * Error, Completed, ...), "Terminating" once deletion started; RESTARTS adds "(2m ago)" from the
 * latest lastState.terminated.finishedAt.
 */
import type { Container, ContainerStatus, Pod, PodStatus } from "kubernetes-types/core/v1.d.ts";
import { ageSince, humanDuration } from "../duration.ts";
import {
  AGE_COLUMN,
  column,
  NAME_COLUMN,
  type ResourceTable,
  type TableCell,
  type TableContext,
} from "./types.ts";

function isRestartableInit(container: Container | undefined): boolean {
  return container?.restartPolicy === "Always";
}

function initializedConditionTrue(status: PodStatus | undefined): boolean {
  const condition = status?.conditions?.find((c) => c.type === "Initialized");
  return condition?.status === "True";
}

function finishedAt(status: ContainerStatus): number | undefined {
  const finished = status.lastState?.terminated?.finishedAt;
  if (!finished) return undefined;
  const ms = Date.parse(finished);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** READY, STATUS and RESTARTS of one pod. */
export function summarizePod(pod: Pod, nowMs: number): PodSummary {
  const spec = pod.spec;
  const status = pod.status;
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec?.containers.length ?? 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined ? b : b === undefined ? a : Math.max(a, b);

  let reason = status?.phase ?? "";
  if (status?.reason) reason = status.reason;
  if (
    status?.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")
  ) {
    reason = "SchedulingGated";
  }

  const initContainers = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec?.initContainers ?? []) if (isRestartableInit(c)) totalContainers++;

  let initializing = false;
  const initStatuses = status?.initContainerStatuses ?? [];
  for (const [i, container] of initStatuses.entries()) {
    restarts += container.restartCount;
    lastRestart = later(lastRestart, finishedAt(container));
    const restartable = isRestartableInit(initContainers.get(container.name));
    if (restartable) {
      restartableInitRestarts += container.restartCount;
      lastRestartableInitRestart = later(lastRestartableInitRestart, finishedAt(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(status)) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      if (!container) continue;
      restarts += container.restartCount;
      lastRestart = later(lastRestart, finishedAt(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const ready =
        status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
      reason = ready ? "Running" : "NotReady";
    }
  }

  const phase = status?.phase;
  const deleting = pod.metadata?.deletionTimestamp;
  if (deleting && status?.reason === "NodeLost") reason = "Unknown";
  else if (deleting && phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsText = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

export const podTable: ResourceTable<Pod> = {
  columns: [
    NAME_COLUMN,
    column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
    column("Status", "The aggregate status of the containers in this pod."),
    column(
      "Restarts",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE_COLUMN,
    column("IP", "podIP address allocated to the pod. Routable at least within the cluster.", {
      priority: 1,
    }),
    column("Node", "NodeName indicates in which node this pod is scheduled.", { priority: 1 }),
    column(
      "Nominated Node",
      "nominatedNodeName is set when this pod preempts other pods on the node.",
      {
        priority: 1,
      },
    ),
    column(
      "Readiness Gates",
      "If specified, all readiness gates will be evaluated for pod readiness.",
      {
        priority: 1,
      },
    ),
  ],
  cells(pod: Pod, ctx: TableContext): TableCell[] {
    const summary = summarizePod(pod, ctx.nowMs);
    const gates = pod.spec?.readinessGates ?? [];
    let readinessGates = "<none>";
    if (gates.length > 0) {
      const trueCount = gates.filter((g) =>
        pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === "True"),
      ).length;
      readinessGates = `${trueCount}/${gates.length}`;
    }
    return [
      pod.metadata?.name ?? "",
      summary.ready,
      summary.status,
      summary.restarts,
      ageSince(pod.metadata?.creationTimestamp, ctx.nowMs),
      pod.status?.podIPs?.[0]?.ip ?? "<none>",
      pod.spec?.nodeName || "<none>",
      pod.status?.nominatedNodeName || "<none>",
      readinessGates,
    ];
  },
};
