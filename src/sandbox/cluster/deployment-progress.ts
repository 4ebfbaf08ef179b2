/**
 * The deployment controller's Available and Progressing conditions, as kube-controller-manager
 * keeps them (pkg/controller/deployment/sync.go getNewReplicaSet and calculateStatus, progress.go
 * syncRolloutStatus, util/deployment_util.go): a new replica set is `NewReplicaSetCreated` (or
 * `FoundNewReplicaSet` when no Progressing condition exists yet), each sign of progress is
 * `ReplicaSetUpdated`, a complete rollout `NewReplicaSetAvailable`, and a rollout that made no
 * progress for spec.progressDeadlineSeconds (default 600) is Progressing=False with reason
 * `ProgressDeadlineExceeded`, which `kubectl rollout status` reports as the deadline exceeded.
 */
import type { DeploymentCondition, DeploymentStatus } from "kubernetes-types/apps/v1.d.ts";

/** progressDeadlineSeconds of MaxInt32 means no deadline (deploymentutil.HasProgressDeadline). */
const NO_DEADLINE = 2147483647;
/** The API server's default for spec.progressDeadlineSeconds. */
const DEFAULT_DEADLINE_SECONDS = 600;

export const NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
export const TIMED_OUT = "ProgressDeadlineExceeded";

/** The deadline in seconds, or undefined when the deployment has none. */
export function progressDeadline(spec: { progressDeadlineSeconds?: number } | undefined) {
  const seconds = spec?.progressDeadlineSeconds ?? DEFAULT_DEADLINE_SECONDS;
  return seconds === NO_DEADLINE ? undefined : seconds;
}

function condition(
  type: string,
  status: "True" | "False",
  reason: string,
  message: string,
  now: string,
): DeploymentCondition {
  return { lastTransitionTime: now, lastUpdateTime: now, message, reason, status, type };
}

/**
 * deploymentutil.SetDeploymentCondition: the same status and reason change nothing; the same
 * status keeps its lastTransitionTime; the condition moves to the end of the list.
 */
function setCondition(
  conditions: readonly DeploymentCondition[],
  next: DeploymentCondition,
): DeploymentCondition[] {
  const current = conditions.find((c) => c.type === next.type);
  if (current && current.status === next.status && current.reason === next.reason)
    return [...conditions];
  const kept =
    current && current.status === next.status && current.lastTransitionTime !== undefined
      ? { ...next, lastTransitionTime: current.lastTransitionTime }
      : next;
  return [...conditions.filter((c) => c.type !== next.type), kept];
}

/** The counts calculateStatus derives from the replica sets and their pods. */
export interface RolloutCounts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

export interface ProgressInput {
  /** The deployment's status before this sync. */
  previous: DeploymentStatus | undefined;
  counts: RolloutCounts;
  desired: number;
  deadlineSeconds: number | undefined;
  newReplicaSet: string;
  /** True when this sync created the new replica set. */
  created: boolean;
  available: boolean;
  nowMs: number;
  now: string;
}

/** deploymentutil.DeploymentProgressing: more updated, ready or available replicas, fewer old. */
function madeProgress(previous: DeploymentStatus | undefined, counts: RolloutCounts): boolean {
  const before = {
    updated: previous?.updatedReplicas ?? 0,
    old: (previous?.replicas ?? 0) - (previous?.updatedReplicas ?? 0),
    ready: previous?.readyReplicas ?? 0,
    available: previous?.availableReplicas ?? 0,
  };
  return (
    counts.updatedReplicas > before.updated ||
    counts.replicas - counts.updatedReplicas < before.old ||
    counts.readyReplicas > before.ready ||
    counts.availableReplicas > before.available
  );
}

/**
 * deploymentutil.DeploymentComplete (its observedGeneration test always holds here: the engine's
 * controller observes every generation in the sync that writes the status).
 */
function rolloutComplete(input: ProgressInput): boolean {
  const { counts, desired } = input;
  return (
    counts.updatedReplicas === desired &&
    counts.replicas === desired &&
    counts.availableReplicas === desired
  );
}

/** deploymentutil.DeploymentTimedOut: no progress since lastUpdateTime + the deadline. */
function timedOut(
  progressing: DeploymentCondition | undefined,
  deadlineSeconds: number,
  nowMs: number,
): boolean {
  if (!progressing || progressing.reason === NEW_RS_AVAILABLE) return false;
  if (progressing.reason === TIMED_OUT) return true;
  const from = Date.parse(progressing.lastUpdateTime ?? "");
  return from + deadlineSeconds * 1000 < nowMs;
}

/** The status conditions after one sync of the deployment controller. */
export function deploymentConditions(input: ProgressInput): DeploymentCondition[] {
  const { deadlineSeconds, newReplicaSet, now } = input;
  let conditions = [...(input.previous?.conditions ?? [])];
  // getNewReplicaSet records the replica set it created, or found when nothing was recorded.
  if (deadlineSeconds !== undefined) {
    if (input.created)
      conditions = setCondition(
        conditions,
        condition(
          "Progressing",
          "True",
          "NewReplicaSetCreated",
          `Created new replica set "${newReplicaSet}"`,
          now,
        ),
      );
    else if (!conditions.some((c) => c.type === "Progressing"))
      conditions = setCondition(
        conditions,
        condition(
          "Progressing",
          "True",
          "FoundNewReplicaSet",
          `Found new replica set "${newReplicaSet}"`,
          now,
        ),
      );
  }
  const current = conditions.find((c) => c.type === "Progressing");
  conditions = setCondition(
    conditions,
    input.available
      ? condition(
          "Available",
          "True",
          "MinimumReplicasAvailable",
          "Deployment has minimum availability.",
          now,
        )
      : condition(
          "Available",
          "False",
          "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.",
          now,
        ),
  );
  if (deadlineSeconds === undefined) return conditions.filter((c) => c.type !== "Progressing");
  const complete =
    input.counts.replicas === input.counts.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
  if (complete) return conditions;
  if (rolloutComplete(input))
    return setCondition(
      conditions,
      condition(
        "Progressing",
        "True",
        NEW_RS_AVAILABLE,
        `ReplicaSet "${newReplicaSet}" has successfully progressed.`,
        now,
      ),
    );
  if (madeProgress(input.previous, input.counts)) {
    // Progress always moves lastUpdateTime, even with the same reason (syncRolloutStatus).
    const updated = condition(
      "Progressing",
      "True",
      "ReplicaSetUpdated",
      `ReplicaSet "${newReplicaSet}" is progressing.`,
      now,
    );
    if (current?.status === "True" && current.lastTransitionTime !== undefined)
      updated.lastTransitionTime = current.lastTransitionTime;
    return [...conditions.filter((c) => c.type !== "Progressing"), updated];
  }
  if (timedOut(current, deadlineSeconds, input.nowMs))
    return setCondition(
      conditions,
      condition(
        "Progressing",
        "False",
        TIMED_OUT,
        `ReplicaSet "${newReplicaSet}" has timed out progressing.`,
        now,
      ),
    );
  return conditions;
}

/**
 * When the controller looks again at a rollout that may be stuck (requeueStuckDeployment): one
 * second after the Progressing condition's lastUpdateTime plus the deadline; undefined when the
 * rollout is complete, already timed out, or has no deadline.
 */
export function progressCheckAt(
  conditions: readonly DeploymentCondition[],
  deadlineSeconds: number | undefined,
): number | undefined {
  const progressing = conditions.find((c) => c.type === "Progressing");
  if (deadlineSeconds === undefined || !progressing) return undefined;
  if (progressing.reason === NEW_RS_AVAILABLE || progressing.reason === TIMED_OUT) return undefined;
  return Date.parse(progressing.lastUpdateTime ?? "") + (deadlineSeconds + 1) * 1000;
}
