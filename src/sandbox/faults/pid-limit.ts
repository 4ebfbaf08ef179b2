/**
 * PID limit: a fork-happy pod fills the pids cgroup of kubepods.slice on one node, so runc cannot
 * fork the next container's init: StartError 128 with "can't get final child's PID from pipe",
 * the kernel logs "cgroup: fork rejected by pids controller", pids.current equals pids.max.
 * Deleting the forking pod frees the PIDs.
 */
import type { FaultModule } from "./fault.ts";
import { catalogueImage } from "./fault.ts";
import { workloadSpecSchema } from "../../schemas/scenario.ts";
import { workloadObject } from "../scenarios/workload-objects.ts";

export const FORKER_IMAGE = "registry.example.com/report-runner:2.3.0";

export const pidLimit: FaultModule<"pid-limit"> = {
  type: "pid-limit",
  nodeScoped: true,
  symptom:
    "New containers on one node fail with StartError 128 and a runc fork error; dmesg shows pids-controller rejections; one pod there has thousands of processes.",
  prepare(spec) {
    const image = catalogueImage(spec, FORKER_IMAGE);
    image.entrypoint = ["/usr/local/bin/report-runner"];
    image.files = [{ path: "/usr/local/bin/report-runner", mode: "0755", format: "elf-amd64" }];
    image.process = {
      ...image.process,
      exitValue: null,
      forks: true,
      memoryMi: 180,
      logs: [
        {
          atSeconds: 0,
          text: "report-runner 2.3.0: spawning workers (max_workers=unlimited)",
          stream: "stdout",
        },
        {
          atSeconds: 2,
          text: "worker pool: fork: Resource temporarily unavailable",
          stream: "stderr",
        },
      ],
    };
  },
  beforeWorkloads(cluster, fault, node) {
    const host = cluster.nodeHost(node);
    if (host) host.kubepodsPidsMax = fault.pidsMax;
    // The forking pod was there first: it has filled the PIDs before the workloads' pods start.
    const { resource, object } = workloadObject(
      workloadSpecSchema.parse({
        kind: "Pod",
        name: "nightly-report",
        labels: { app: "nightly-report" },
        containers: [{ name: "report", image: FORKER_IMAGE }],
        nodeName: node,
      }),
    );
    cluster.create(resource, object);
    cluster.advance(3_000);
  },
};
