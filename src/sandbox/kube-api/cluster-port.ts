/**
 * What the API facade needs from the simulated cluster (src/sandbox/cluster/cluster.ts provides
 * it) and from the built-in kubectl's server-side printers (src/sandbox/kubectl/tables/), which
 * are the one source of truth for the columns and cells of a Table.
 */
import type { KubeObject, ObjectStore } from "../cluster/store.ts";

export interface ContainerLogLine {
  timeMs: number;
  text: string;
}

/**
 * Writes go through the cluster, not the bare store, so they get the API server's admission (pod
 * defaults, generation) and the controllers and kubelets react at once.
 */
export interface KubeApiCluster {
  readonly store: ObjectStore;
  readonly clock: { now(): number };
  create<T extends KubeObject>(resource: string, object: T): T;
  updateObject<T extends KubeObject>(resource: string, object: T): T;
  /** Graceful unless gracePeriodSeconds is 0 or the pod is on no node. */
  deletePod(namespace: string, name: string, options: { gracePeriodSeconds?: number }): KubeObject;
  evictPod(namespace: string, name: string): void;
  /** Throws an error with `code: 400` and the API server's / kubelet's message when there is nothing to read. */
  podLogs(
    namespace: string,
    pod: string,
    container: string | undefined,
    options: { previous?: boolean },
  ): readonly ContainerLogLine[];
}

export interface Usage {
  cpu: string;
  memory: string;
}

/** A metrics.k8s.io/v1beta1 NodeMetrics or PodMetrics object as metrics-server serves it. */
export interface MetricsObject extends KubeObject {
  timestamp: string;
  window: string;
  usage?: Usage;
  containers?: readonly { name: string; usage: Usage }[];
}

/**
 * The cluster's metrics-server (src/sandbox/cluster/metrics.ts bound to one cluster). Without
 * one, or until it has scraped twice, the API publishes no metrics.k8s.io group: aggregated
 * discovery leaves out an APIService that never answered, so `kubectl top` says "Metrics API not
 * available".
 */
export interface MetricsSource {
  available(): boolean;
  nodeMetrics(): readonly MetricsObject[];
  podMetrics(namespace?: string): readonly MetricsObject[];
}

export interface TableLike {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion?: string };
  columnDefinitions: unknown[];
  rows: { cells: unknown[]; object: KubeObject }[];
}

export interface TableOptions {
  /** includeObject=Object|Metadata|None from the request (kubectl sends Object for --sort-by). */
  includeObject?: "Object" | "Metadata" | "None" | undefined;
  resourceVersion?: string | undefined;
}

/** src/sandbox/kubectl/tables' `toTable`. */
export type TableBuilder = (
  resource: string,
  objects: readonly KubeObject[],
  ctx: { nowMs: number },
  options?: TableOptions,
) => TableLike;
