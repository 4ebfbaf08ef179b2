/** Waiting: until Ctrl-C for streaming commands, and on virtual time for deletions. */
import type { KubectlEnv } from "../env.ts";

export function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

/**
 * kubectl delete (and drain) wait until the object is gone. The cluster's time is virtual, so the
 * wait moves it forward second by second, letting the kubelet finish the graceful termination.
 */
export function waitUntilGone(
  env: KubectlEnv,
  resource: string,
  namespace: string | undefined,
  name: string,
  timeoutSeconds: number,
): boolean {
  for (let waited = 0; waited <= timeoutSeconds; waited++) {
    if (!env.cluster.store.get(resource, namespace, name)) return true;
    if (env.signal.aborted) return false;
    env.cluster.advance(1000);
  }
  return !env.cluster.store.get(resource, namespace, name);
}
