/**
 * A fault module breaks a scenario in one specific, real-world way. `prepare` changes the
 * scenario's data before the cluster exists (an image's files or behaviour, an extra workload);
 * `beforeWorkloads` and `afterWorkloads` break the live cluster (a node's runtime, kernel, memory)
 * before or after the scenario's workloads are created.
 */
import {
  imageSpecSchema,
  type FaultSpec,
  type ImageSpec,
  type ScenarioSpec,
} from "../../schemas/scenario.ts";
import type { Cluster } from "../cluster/cluster.ts";

export interface FaultModule<T extends FaultSpec["type"] = FaultSpec["type"]> {
  type: T;
  /** The real-world symptom it reproduces, in a sentence or two (shown to lab authors). */
  symptom: string;
  /** Whether the fault hits one node (its spec has `node`). */
  nodeScoped: boolean;
  prepare?: (spec: ScenarioSpec, fault: Extract<FaultSpec, { type: T }>, node: string) => void;
  beforeWorkloads?: (
    cluster: Cluster,
    fault: Extract<FaultSpec, { type: T }>,
    node: string,
  ) => void;
  afterWorkloads?: (cluster: Cluster, fault: Extract<FaultSpec, { type: T }>, node: string) => void;
}

/** The catalogue entry for an image, created with defaults when the scenario did not declare it. */
export function catalogueImage(spec: ScenarioSpec, name: string): ImageSpec {
  let image = spec.images.find((i) => i.name === name);
  if (!image) {
    image = imageSpecSchema.parse({ name });
    spec.images.push(image);
  }
  return image;
}
