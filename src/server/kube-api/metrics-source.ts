/** The simulated cluster's metrics-server, as the API facade's metrics.k8s.io source. */
import type { Cluster } from "../../sandbox/cluster/cluster.ts";
import { metricsAvailable, nodeMetrics, podMetrics } from "../../sandbox/cluster/metrics.ts";
import type { MetricsSource } from "../../sandbox/kube-api/index.ts";

export function metricsSourceOf(cluster: Cluster): MetricsSource {
  return {
    available: () => metricsAvailable(cluster),
    nodeMetrics: () => nodeMetrics(cluster),
    podMetrics: (namespace) => podMetrics(cluster, namespace),
  };
}
