/**
 * The kubelet's view of a container runtime that stops answering (containerd itself hung, not
 * just its shims). Strings and thresholds from kubernetes/kubernetes:
 * - pkg/kubelet/runtime.go runtimeErrors: "container runtime is down" once the last successful
 *   runtime status check is older than maxWaitForContainerRuntime (30 s, kubelet.go), then
 *   "<check> is not healthy: <err>" for each failing health check;
 * - pkg/kubelet/pleg/generic.go Healthy: "pleg was last seen active %v ago; threshold is %v" with
 *   the 3m0s relist threshold (a Go time.Duration, so the elapsed time has nanoseconds);
 * - k8s.io/apimachinery util/errors Aggregate: one error as is, several as "[a, b]";
 * - pkg/kubelet/nodestatus/setters.go ReadyCondition: Ready False, reason KubeletNotReady, with
 *   that aggregate as the message. The kubelet logs "Skipping pod synchronization" with it and
 *   no longer syncs pods until the runtime answers again.
 */
import type { NodeHost } from "./node-host.ts";

export const RUNTIME_DOWN_AFTER_MS = 30_000;
export const PLEG_THRESHOLD_MS = 180_000;
/** How often the kubelet checks the runtime and reports node status while it is not ready. */
export const RUNTIME_CHECK_MS = 10_000;

/** A CRI call to a hung containerd, as the kubelet's gRPC client reports it. */
export const CRI_DEADLINE = "rpc error: code = DeadlineExceeded desc = context deadline exceeded";

/** Go's time.Duration.String for durations under an hour, e.g. "3m0.412000000s" → "3m0.412s". */
export function goDurationPrecise(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = String((ms % 60_000) / 1000);
  return minutes > 0 ? `${String(minutes)}m${seconds}s` : `${seconds}s`;
}

/** The kubelet's runtime errors at `nowMs`, aggregated, or undefined when the runtime is fine. */
export function runtimeErrors(host: NodeHost, nowMs: number): string | undefined {
  const since = host.runtimeHungSinceMs;
  if (!host.health.criHung || since === undefined) return undefined;
  const errors: string[] = [];
  const stalled = nowMs - since;
  if (stalled > RUNTIME_DOWN_AFTER_MS) errors.push("container runtime is down");
  if (stalled > PLEG_THRESHOLD_MS) {
    errors.push(
      `PLEG is not healthy: pleg was last seen active ${goDurationPrecise(stalled)} ago; threshold is ${goDurationPrecise(PLEG_THRESHOLD_MS)}`,
    );
  }
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
}
