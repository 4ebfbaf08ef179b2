/**
 * Whether the cluster serves metrics.k8s.io, as discovery tells kubectl: only the engine's
 * cluster runs a metrics-server, and its APIService is available once it has scraped twice.
 */
import { Cluster } from "../cluster/cluster.ts";
import { metricsAvailable } from "../cluster/metrics.ts";
import type { KubectlEnv } from "./env.ts";

/** The cluster, when metrics.k8s.io/v1beta1 answers; undefined otherwise. */
export function metricsServer(env: KubectlEnv): Cluster | undefined {
  return env.cluster instanceof Cluster && metricsAvailable(env.cluster) ? env.cluster : undefined;
}

/** The group's resources as `kubectl api-resources` lists them. */
export const METRICS_RESOURCES = [
  { plural: "nodes", kind: "NodeMetrics", namespaced: false },
  { plural: "pods", kind: "PodMetrics", namespaced: true },
].map((r) => ({
  ...r,
  group: "metrics.k8s.io",
  version: "v1beta1",
  shortNames: [] as string[],
  verbs: ["get", "list"],
  categories: [] as string[],
}));
