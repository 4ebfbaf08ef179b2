/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it through the API server's aggregation layer
 * (kubernetes-sigs/metrics-server pkg/api): `nodes` and `pods`, verbs get and list only, no
 * singular name. metrics-server lists the node or pod objects first (label selector, then the
 * metadata.name / metadata.namespace field selector) and answers only for those it has metrics
 * for, so a pod that exists but has not been scraped yet is `podmetrics.metrics.k8s.io
 * "NS/NAME" not found`, while a pod that does not exist is its lister's `pods "NAME" not found`
 * (and a missing node the typed node lister's `node "NAME" not found`).
 */
import type { KubeObject, ObjectStore } from "../cluster/store.ts";
import { matchesFields, parseFieldSelector } from "../cluster/selectors.ts";
import type { MetricsObject, MetricsSource } from "./cluster-port.ts";
import { jsonResponse, type KubeRequest, type KubeResponse } from "./http.ts";
import { ApiError } from "./status.ts";

export const METRICS_GROUP = "metrics.k8s.io";
export const METRICS_VERSION = "v1beta1";
const GROUP_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
const VERBS = ["get", "list"] as const;

interface MetricsResource {
  name: "nodes" | "pods";
  kind: "NodeMetrics" | "PodMetrics";
  namespaced: boolean;
}

const RESOURCES: readonly MetricsResource[] = [
  { name: "nodes", kind: "NodeMetrics", namespaced: false },
  { name: "pods", kind: "PodMetrics", namespaced: true },
];

/** The group's entry in an aggregated (apidiscovery.k8s.io) /apis answer. */
export function metricsGroupDiscovery(): Record<string, unknown> {
  return {
    metadata: { name: METRICS_GROUP, creationTimestamp: null },
    versions: [
      {
        version: METRICS_VERSION,
        resources: RESOURCES.map((r) => ({
          resource: r.name,
          responseKind: { group: METRICS_GROUP, version: METRICS_VERSION, kind: r.kind },
          scope: r.namespaced ? "Namespaced" : "Cluster",
          singularResource: "",
          verbs: VERBS,
        })),
        freshness: "Current",
      },
    ],
  };
}

/** The group's entry in a legacy APIGroupList. */
export function metricsGroupEntry(): Record<string, unknown> {
  const version = { groupVersion: GROUP_VERSION, version: METRICS_VERSION };
  return { name: METRICS_GROUP, versions: [version], preferredVersion: version };
}

/** GET /apis/metrics.k8s.io/v1beta1 (what `kubectl get --raw` shows on a real cluster). */
export function metricsResourceList(): KubeResponse {
  return jsonResponse(200, {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: GROUP_VERSION,
    resources: RESOURCES.map((r) => ({
      name: r.name,
      singularName: "",
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
    })),
  });
}

function notFoundAs(resource: string, name: string, details: Record<string, string>): ApiError {
  return new ApiError("NotFound", `${resource} "${name}" not found`, { name, ...details });
}

/** metrics-server filters with generic.AddObjectMetaFieldsSet: only metadata.name and .namespace. */
function metaFieldsOf(object: KubeObject): KubeObject {
  return {
    metadata: {
      name: object.metadata?.name ?? "",
      ...(object.metadata?.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
    },
  };
}

function byKey(items: readonly MetricsObject[]): Map<string, MetricsObject> {
  return new Map(
    items.map((m) => [`${m.metadata?.namespace ?? ""}/${m.metadata?.name ?? ""}`, m] as const),
  );
}

function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}

function typed(resource: MetricsResource, metrics: MetricsObject): MetricsObject {
  return { ...metrics, kind: resource.kind, apiVersion: GROUP_VERSION };
}

/**
 * A list item as metrics-server writes it: the list carries kind and apiVersion, the items
 * do not (they are marshalled from the internal list type).
 */
function untyped(metrics: MetricsObject): MetricsObject {
  const item: MetricsObject = { ...metrics };
  delete item.kind;
  delete item.apiVersion;
  return item;
}

/**
 * Serves GET (one object or a list) on /apis/metrics.k8s.io/v1beta1/...; `rest` is the path after
 * the version. Returns undefined for a path that names no metrics resource.
 */
export function metricsResponse(
  source: MetricsSource,
  store: ObjectStore,
  request: KubeRequest,
  rest: readonly string[],
): KubeResponse | undefined {
  let namespace: string | undefined;
  let parts = rest;
  if (parts[0] === "namespaces" && parts[2] === "pods") {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const resource = RESOURCES.find((r) => r.name === parts[0]);
  if (!resource || parts.length > 2) return undefined;
  if (!resource.namespaced && namespace !== undefined) return undefined;
  if (request.method !== "GET" || request.query.get("watch") === "true") {
    throw new ApiError(
      "MethodNotAllowed",
      `the server does not allow this method on the requested resource`,
    );
  }
  const name = parts[1];
  const underlying = resource.name;
  const metrics = byKey(
    resource.name === "nodes" ? source.nodeMetrics() : source.podMetrics(namespace),
  );
  if (name !== undefined) {
    const ns = namespace ?? "default";
    const object = store.read(underlying, resource.namespaced ? ns : undefined, name);
    if (!object) {
      throw resource.namespaced
        ? notFoundAs("pods", name, { kind: "pods" })
        : notFoundAs("node", name, { kind: "node" });
    }
    const found = metrics.get(keyOf(object));
    if (!found) {
      const shown = resource.namespaced ? `${ns}/${name}` : name;
      throw notFoundAs(`${resource.kind.toLowerCase()}.${METRICS_GROUP}`, shown, {
        group: METRICS_GROUP,
        kind: resource.kind.toLowerCase(),
      });
    }
    return jsonResponse(200, typed(resource, found));
  }
  const fields = parseFieldSelector(request.query.get("fieldSelector") ?? "");
  const objects = store
    .readList(underlying, {
      namespace: resource.namespaced ? namespace : undefined,
      labelSelector: request.query.get("labelSelector") ?? undefined,
    })
    .filter((object) => matchesFields(metaFieldsOf(object), fields));
  const items: MetricsObject[] = [];
  for (const object of objects) {
    const found = metrics.get(keyOf(object));
    if (found) items.push(untyped(found));
  }
  return jsonResponse(200, {
    kind: `${resource.kind}List`,
    apiVersion: GROUP_VERSION,
    metadata: {},
    items,
  });
}
