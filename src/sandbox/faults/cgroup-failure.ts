/**
 * Kernel cgroup failure on one node: the kernel can no longer create memory cgroups (leaked
 * memcg IDs, a known problem of long-running nodes), so runc fails "unable to apply cgroup
 * configuration: mkdir ...: cannot allocate memory" and every new container there ends with
 * StartError 128 although the node has free memory. Restarting containerd or the kubelet does not
 * help; the node must be drained (and rebooted or replaced).
 *
 * Sources checked: runc's "unable to apply cgroup configuration: mkdir <path>: cannot allocate
 * memory" is the error users report for leaked memory cgroups (kubernetes/kubernetes#96701, #61937;
 * kmem accounting). The kernel itself does not log a failed cgroup mkdir (the real companion line is
 * "SLUB: Unable to allocate memory on node -1", kubernetes/kubernetes#83044): the
 * "cgroup: cgroup_mkdir: ..." dmesg lines written here are a stand-in for the evidence an engineer
 * finds on such a node (memcg counts in /proc/cgroups, dying cgroups), not verbatim kernel output.
 * On kernels where the 65535 memcg IDs run out, mkdir fails with "no space left on device" instead.
 */
import type { FaultModule } from "./fault.ts";

export const cgroupFailure: FaultModule<"cgroup-failure"> = {
  type: "cgroup-failure",
  nodeScoped: true,
  symptom:
    "Pods on one node fail with StartError 128 and a cgroup mkdir 'cannot allocate memory' error although free shows plenty of memory; restarting containerd changes nothing.",
  beforeWorkloads(cluster, _fault, node) {
    const host = cluster.nodeHost(node);
    if (!host) return;
    host.health.cgroupCreationFails = true;
    const now = cluster.clock.now();
    host.kernel(
      "cgroup: cgroup_mkdir: memcg id space exhausted (65535 ids in use by dying cgroups)",
      now - 120_000,
    );
  },
};
