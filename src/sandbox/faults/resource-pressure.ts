/**
 * Resource pressure on one node: the node runs out of memory; the kernel OOM-kills the running
 * containers (137, OOMKilled) and then kills runc's init while it sets up their replacements, so
 * the restarts end with StartError 128 "container init was OOM-killed (memory limit too low?)".
 * The node reports MemoryPressure True and gets the memory-pressure taint; `kubectl describe
 * node` tells the story: a memory-hungry batch workload pinned to the node requests most of its
 * memory and is allowed (limits) far more than the node has, so "Allocated resources" shows the
 * memory limits overcommitted well past 100%, the usual way a node ends up short.
 */
import { workloadSpecSchema } from "../../schemas/scenario.ts";
import { workloadObject } from "../scenarios/workload-objects.ts";
import { catalogueImage, type FaultModule } from "./fault.ts";

const HOG_IMAGE = "registry.example.com/analytics/report-builder:2.3";
const HOG_NAMESPACE = "batch";

export const resourcePressure: FaultModule<"resource-pressure"> = {
  type: "resource-pressure",
  nodeScoped: true,
  symptom:
    "Pods on one node were OOMKilled (137) and now fail to restart with StartError 128 'container init was OOM-killed'; the node shows MemoryPressure True and a memory-pressure taint.",
  prepare(spec) {
    const image = catalogueImage(spec, HOG_IMAGE);
    image.entrypoint = ["/usr/local/bin/report-builder"];
    image.files = [{ path: "/usr/local/bin/report-builder", mode: "0755", format: "elf-amd64" }];
    image.process = {
      ...image.process,
      exitValue: null,
      memoryMi: 7_300,
      pids: 38,
      logs: [
        { atSeconds: 0, text: "report-builder 2.3 starting", stream: "stdout" },
        {
          atSeconds: 2,
          text: "loading 48 monthly partitions into memory (no spill to disk)",
          stream: "stdout",
        },
      ],
    };
  },
  afterWorkloads(cluster, _fault, node) {
    // Created with the live cluster, after the scenario's own workloads, so their objects (and
    // names) are those the scenario alone would make.
    cluster.create("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: HOG_NAMESPACE, labels: { "kubernetes.io/metadata.name": HOG_NAMESPACE } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
    const { resource, object } = workloadObject(
      workloadSpecSchema.parse({
        kind: "Deployment",
        name: "report-builder",
        namespace: HOG_NAMESPACE,
        replicas: 1,
        labels: { app: "report-builder" },
        nodeSelector: { "kubernetes.io/hostname": node },
        containers: [
          {
            name: "report-builder",
            image: HOG_IMAGE,
            requests: { cpu: "1500m", memory: "6Gi" },
            limits: { cpu: "3", memory: "12Gi" },
          },
        ],
      }),
    );
    cluster.create(resource, object);
    cluster.advance(20_000);
    cluster.setMemoryPressure(node);
    cluster.oomKillRunning(node);
  },
};
