/**
 * Resource pressure on one node: the node runs out of memory; the kernel OOM-kills the running
 * containers (137, OOMKilled) and then kills runc's init while it sets up their replacements, so
 * the restarts end with StartError 128 "container init was OOM-killed (memory limit too low?)".
 * The node reports MemoryPressure True and gets the memory-pressure taint; `kubectl describe
 * node` (conditions, allocated resources) tells the story.
 */
import type { FaultModule } from "./fault.ts";

export const resourcePressure: FaultModule<"resource-pressure"> = {
  type: "resource-pressure",
  nodeScoped: true,
  symptom:
    "Pods on one node were OOMKilled (137) and now fail to restart with StartError 128 'container init was OOM-killed'; the node shows MemoryPressure True and a memory-pressure taint.",
  afterWorkloads(cluster, _fault, node) {
    cluster.advance(20_000);
    cluster.setMemoryPressure(node);
    cluster.oomKillRunning(node);
  },
};
