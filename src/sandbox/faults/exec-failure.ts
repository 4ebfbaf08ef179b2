/**
 * Exec failure: runc cannot execute the entrypoint (no execute bit, no such file, a volume
 * mounted over the file). The process never starts: Kubernetes records reason StartError,
 * exitCode 128, startedAt 1970-01-01T00:00:00Z and runc's whole error chain as the message; the
 * Failed event repeats it as "Error: ..."; `logs --previous` is empty.
 *
 * `exec-format` (a binary for another CPU) is the contrast, not a 128: runc's checks pass and
 * execve fails after the container has started, so it ends with reason Error, exit code 1 and
 * "exec /app/start: exec format error" in its log (cluster/runtime-errors.ts execFormatFailure,
 * checked against runc's libcontainer/standard_init_linux.go).
 */
import type { FaultModule } from "./fault.ts";
import { catalogueImage } from "./fault.ts";

export const execFailure: FaultModule<"exec-failure"> = {
  type: "exec-failure",
  nodeScoped: false,
  symptom:
    "Pods on every node go RunContainerError then CrashLoopBackOff; lastState.terminated has reason StartError, exit code 128 and a runc message naming the entrypoint.",
  prepare(spec, fault) {
    const image = catalogueImage(spec, fault.image);
    image.entrypoint = [fault.path];
    image.cmd = [];
    const others = image.files.filter((f) => f.path !== fault.path);
    switch (fault.mode) {
      case "permission-denied":
        image.files = [
          ...others,
          { path: fault.path, mode: "0644", format: "script", interpreter: "/bin/sh" },
        ];
        break;
      case "not-found":
        image.files = others;
        break;
      case "exec-format":
        image.files = [...others, { path: fault.path, mode: "0755", format: "elf-arm64" }];
        break;
      case "mount-over-file":
        image.files = [...others, { path: fault.path, mode: "0755", format: "elf-amd64" }];
        for (const workload of spec.workloads) {
          for (const container of workload.containers) {
            if (container.image !== fault.image) continue;
            if (!workload.volumes.some((v) => v.name === "start-script")) {
              workload.volumes.push({
                name: "start-script",
                kind: "configMap",
                source: `${workload.name}-start`,
              });
            }
            container.mounts.push({ volume: "start-script", mountPath: fault.path });
          }
        }
        break;
    }
  },
};
