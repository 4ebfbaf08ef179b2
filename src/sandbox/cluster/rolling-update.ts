/**
 * The deployment controller's replica arithmetic (kubernetes pkg/controller/deployment/rolling.go
 * and util/deployment_util.go), pure: how far the new ReplicaSet may grow (maxSurge) and how far
 * the old ones may shrink (maxUnavailable) given what is available, so a rollout to a broken image
 * stalls with the old available pods still serving.
 */
import type { DeploymentStrategy } from "kubernetes-types/apps/v1.d.ts";

/** A ReplicaSet as the arithmetic sees it: spec.replicas and status.availableReplicas. */
export interface ReplicaSetCounts {
  readonly name: string;
  readonly replicas: number;
  readonly available: number;
}

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
function scaled(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const percent = /^(\d+)%$/.exec(value);
  if (!percent) return Number.parseInt(value, 10) || 0;
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The strategy the API server defaults to: RollingUpdate with 25% / 25%. */
export function isRollingUpdate(strategy: DeploymentStrategy | undefined): boolean {
  return (strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/**
 * deploymentutil.ResolveFenceposts: maxSurge rounds up, maxUnavailable down, and when both come
 * to zero maxUnavailable is 1 (surge might not work due to quota).
 */
export function fenceposts(
  strategy: DeploymentStrategy | undefined,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  if (!isRollingUpdate(strategy)) return { maxSurge: 0, maxUnavailable: 0 };
  // SetDefaults_Deployment fills each missing fencepost with 25%.
  const rolling = strategy?.rollingUpdate ?? {};
  const maxSurge = scaled(rolling.maxSurge ?? "25%", desired, true);
  let maxUnavailable = scaled(rolling.maxUnavailable ?? "25%", desired, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** deploymentutil.MaxUnavailable: 0 for Recreate or no replicas, never above the replicas. */
export function maxUnavailable(strategy: DeploymentStrategy | undefined, desired: number): number {
  if (!isRollingUpdate(strategy) || desired === 0) return 0;
  return Math.min(desired, fenceposts(strategy, desired).maxUnavailable);
}

/**
 * deploymentutil.NewRSNewReplicas for a rolling update: the new ReplicaSet grows while all
 * ReplicaSets together stay within desired + maxSurge, never past desired.
 */
export function newReplicaSetReplicas(
  desired: number,
  maxSurge: number,
  newReplicas: number,
  allReplicas: number,
): number {
  const maxTotal = desired + maxSurge;
  if (allReplicas >= maxTotal) return newReplicas;
  return newReplicas + Math.max(0, Math.min(maxTotal - allReplicas, desired - newReplicas));
}

/**
 * reconcileOldReplicaSets: the old ReplicaSets' new sizes (oldest first). First
 * cleanupUnhealthyReplicas drops unavailable old pods as far as the new ReplicaSet's own
 * unavailable pods allow; then scaleDownOldReplicaSetsForRollingUpdate drops available ones only
 * while more than desired - maxUnavailable pods stay available.
 */
export function oldReplicaSetReplicas(
  desired: number,
  unavailableAllowed: number,
  newSet: ReplicaSetCounts,
  oldestFirst: readonly ReplicaSetCounts[],
): Map<string, number> {
  const sizes = new Map(oldestFirst.map((rs) => [rs.name, rs.replicas]));
  const oldTotal = oldestFirst.reduce((sum, rs) => sum + rs.replicas, 0);
  if (oldTotal === 0) return sizes;
  const allTotal = oldTotal + newSet.replicas;
  const minAvailable = desired - unavailableAllowed;
  const newUnavailable = newSet.replicas - newSet.available;
  const maxScaledDown = allTotal - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return sizes;
  let cleaned = 0;
  for (const rs of oldestFirst) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = rs.replicas - rs.available;
    if (rs.replicas === 0 || unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    sizes.set(rs.name, rs.replicas - down);
    cleaned += down;
  }
  const available = oldestFirst.reduce((sum, rs) => sum + rs.available, newSet.available);
  if (available <= minAvailable) return sizes;
  const totalDown = available - minAvailable;
  let scaledDown = 0;
  for (const rs of oldestFirst) {
    if (scaledDown >= totalDown) break;
    const replicas = sizes.get(rs.name) ?? 0;
    if (replicas === 0) continue;
    const down = Math.min(replicas, totalDown - scaledDown);
    sizes.set(rs.name, replicas - down);
    scaledDown += down;
  }
  return sizes;
}
