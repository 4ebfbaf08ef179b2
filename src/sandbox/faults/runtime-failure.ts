/**
 * Container runtime failure on one node: containerd's shims stop answering, so every new
 * container on that node fails with StartError 128 ("failed to create shim task: context deadline
 * exceeded") while the same image runs on the other nodes. containerd's journal shows the shim
 * errors; crictl times out. Restarting containerd (after draining the node) clears it.
 */
import type { FaultModule } from "./fault.ts";

export const runtimeFailure: FaultModule<"runtime-failure"> = {
  type: "runtime-failure",
  nodeScoped: true,
  symptom:
    "Only the pods on one node crash-loop with StartError and exit code 128; the same pod is Running elsewhere; containerd on that node logs shim disconnects and deadline errors.",
  beforeWorkloads(cluster, _fault, node) {
    const host = cluster.nodeHost(node);
    if (!host) return;
    const now = cluster.clock.now();
    host.health.shimsWedged = true;
    host.containerdLog("error", "ttrpc: received message on inactive stream", now - 95_000, {
      stream: "3",
    });
    host.containerdLog("warning", "cleaning up after shim disconnected", now - 94_800, {
      id: cluster.random.hex(64),
      namespace: "k8s.io",
    });
    host.containerdLog("error", "failed to handle container TaskExit event", now - 94_700, {
      error: "failed to stop container: context deadline exceeded: unknown",
    });
    host.kubeletLog(
      "E",
      "remote_runtime.go:633",
      "ContainerStatus from runtime service failed",
      now - 60_000,
      {
        err: "rpc error: code = DeadlineExceeded desc = context deadline exceeded",
      },
    );
  },
};
