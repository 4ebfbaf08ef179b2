/**
 * Container runtime failure on one node, in one of two real forms:
 *
 * - `runtime: shims` (the default, the 128 case): containerd answers CRI calls but the shims it
 *   starts for new tasks do not, so every new container on that node fails with StartError 128
 *   "failed to create containerd task: failed to create shim task: context deadline exceeded:
 *   unknown" while the same image runs on the other nodes. `crictl ps -a` still lists the
 *   containers (Created/Exited), the kubelet's PLEG relists fine and the node stays Ready.
 *   containerd's journal shows the shim lines real nodes log ("shim disconnected", level=warning
 *   "cleaning up after shim disconnected" id=... namespace=k8s.io, as in containerd's
 *   runtime/v2 shim manager). Restarting containerd (after draining the node) clears it.
 * - `runtime: containerd`: containerd itself hangs, every CRI call ends in "rpc error: code =
 *   DeadlineExceeded desc = context deadline exceeded" (crictl too), the kubelet stops syncing
 *   pods and the node turns NotReady with "container runtime is down" and, after 3 min, "PLEG is
 *   not healthy: pleg was last seen active ...; threshold is 3m0s" (cluster/runtime-health.ts);
 *   the node lifecycle controller taints it and evicts its pods after 300 s, and those pods stay
 *   Terminating until the runtime answers again.
 */
import type { FaultModule } from "./fault.ts";

export const runtimeFailure: FaultModule<"runtime-failure"> = {
  type: "runtime-failure",
  nodeScoped: true,
  symptom:
    "Only the pods on one node crash-loop with StartError and exit code 128; the same pod is Running elsewhere; containerd on that node logs shim disconnects and deadline errors.",
  beforeWorkloads(cluster, fault, node) {
    const host = cluster.nodeHost(node);
    if (!host || fault.runtime !== "shims") return;
    const now = cluster.clock.now();
    host.health.shimsWedged = true;
    const id = cluster.random.hex(64);
    host.containerdLog("info", "shim disconnected", now - 95_000, { id, namespace: "k8s.io" });
    host.containerdLog("warning", "cleaning up after shim disconnected", now - 94_800, {
      id,
      namespace: "k8s.io",
    });
    host.containerdLog("info", "cleaning up dead shim", now - 94_790, { namespace: "k8s.io" });
    host.containerdLog("error", "failed to handle container TaskExit event", now - 94_700, {
      error: "failed to stop container: context deadline exceeded: unknown",
    });
  },
  afterWorkloads(cluster, fault, node) {
    if (fault.runtime !== "containerd") return;
    // The pods have started on the node before containerd hangs.
    cluster.advance(20_000);
    const host = cluster.nodeHost(node);
    host?.containerdLog(
      "error",
      "ttrpc: received message on inactive stream",
      cluster.clock.now(),
      {
        stream: "3",
      },
    );
    cluster.hangRuntime(node);
  },
};
