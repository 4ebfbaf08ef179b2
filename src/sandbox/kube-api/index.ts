/** The Kubernetes API facade over a simulated cluster (pure: runs in Node and in a browser). */
export { handleKubeRequest, type KubeApiOptions } from "./handler.ts";
export type { KubeRequest, KubeResponse, KubeStream } from "./http.ts";
export type {
  ContainerLogLine,
  KubeApiCluster,
  MetricsObject,
  MetricsSource,
  TableBuilder,
  TableLike,
} from "./cluster-port.ts";
export { SERVER_VERSION } from "./discovery.ts";
export { BOOKMARK_BEFORE_TIMEOUT_MS, BOOKMARK_EVERY_MS } from "./watch.ts";
