/**
 * Healthy contrast, 137: the process outgrows its memory limit and the kernel's memory cgroup
 * kills it with SIGKILL. Kubernetes shows reason OOMKilled and exit code 137 (128 + 9), a real
 * startedAt, and dmesg has "Memory cgroup out of memory: Killed process ...". Not a 128.
 */
import type { FaultModule } from "./fault.ts";
import { catalogueImage } from "./fault.ts";

export const oomKilled: FaultModule<"oom-killed"> = {
  type: "oom-killed",
  nodeScoped: false,
  symptom:
    "Containers restart with reason OOMKilled and exit code 137 after a few seconds of running.",
  prepare(spec, fault) {
    const image = catalogueImage(spec, fault.image);
    image.process = { ...image.process, memoryMi: 900, exitValue: null };
    for (const workload of spec.workloads) {
      for (const container of workload.containers) {
        if (container.image === fault.image)
          container.limits = {
            ...container.limits,
            memory: container.limits?.["memory"] ?? "256Mi",
          };
      }
    }
  },
};
