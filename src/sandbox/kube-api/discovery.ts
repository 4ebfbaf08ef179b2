/**
 * /version and API discovery, aggregated (apidiscovery.k8s.io v2 and v2beta1) and legacy.
 * kubectl switches to aggregated discovery only when the response Content-Type names it; with a
 * plain application/json body it reports `the server doesn't have a resource type "pods"`.
 */
import { jsonResponse, type KubeResponse } from "./http.ts";
import { metricsGroupDiscovery, metricsGroupEntry } from "./metrics.ts";
import { apiGroups, groupVersion, RESOURCE_TYPES, type ResourceType } from "./resources.ts";

/**
 * Fixed at v1.32: the gcloud kubectl dispatcher (/usr/bin/kubectl on many machines) runs the
 * kubectl binary whose minor version matches this, so every client sees one behaviour.
 */
export const SERVER_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.4",
  gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
  gitTreeState: "clean",
  buildDate: "2025-04-22T16:02:27Z",
  goVersion: "go1.23.6",
  compiler: "gc",
  platform: "linux/amd64",
};

export function versionResponse(): KubeResponse {
  return jsonResponse(200, SERVER_VERSION);
}

/** Which aggregated discovery version the Accept header asks for, preferring v2. */
export function aggregatedVersion(accept: string): "v2" | "v2beta1" | undefined {
  if (!accept.includes("as=APIGroupDiscoveryList")) return undefined;
  for (const part of accept.split(",")) {
    if (part.includes("as=APIGroupDiscoveryList") && part.includes("g=apidiscovery.k8s.io")) {
      if (part.includes("v=v2beta1")) return "v2beta1";
      if (part.includes("v=v2")) return "v2";
    }
  }
  return undefined;
}

function discoveryResource(t: ResourceType): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    resource: t.name,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? "Namespaced" : "Cluster",
    singularResource: t.singular,
    verbs: t.verbs,
  };
  if (t.shortNames.length > 0) entry["shortNames"] = t.shortNames;
  if (t.categories.length > 0) entry["categories"] = t.categories;
  if (t.subresources.length > 0) {
    entry["subresources"] = t.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return entry;
}

function groupDiscovery(group: string): Record<string, unknown> {
  const types = RESOURCE_TYPES.filter((t) => t.group === group);
  return {
    metadata: { name: group, creationTimestamp: null },
    versions: [{ version: "v1", resources: types.map(discoveryResource), freshness: "Current" }],
  };
}

/**
 * GET /api or /apis. With a metrics-server, metrics.k8s.io comes last: the API server orders
 * groups by their APIService priority, and metrics-server's v1beta1.metrics.k8s.io has the
 * lowest of the groups served here (group priority 100).
 */
export function rootDiscovery(
  path: "/api" | "/apis",
  accept: string,
  withMetrics = false,
): KubeResponse {
  const aggregated = aggregatedVersion(accept);
  const metrics = withMetrics && path === "/apis";
  if (aggregated) {
    const groups = path === "/api" ? [""] : apiGroups();
    const items = groups.map(groupDiscovery);
    if (metrics) items.push(metricsGroupDiscovery());
    return jsonResponse(
      200,
      {
        kind: "APIGroupDiscoveryList",
        apiVersion: `apidiscovery.k8s.io/${aggregated}`,
        metadata: {},
        items,
      },
      `application/json;g=apidiscovery.k8s.io;v=${aggregated};as=APIGroupDiscoveryList`,
    );
  }
  if (path === "/api") {
    return jsonResponse(200, {
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
    });
  }
  return jsonResponse(200, {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [
      ...apiGroups().map((name) => ({
        name,
        versions: [{ groupVersion: `${name}/v1`, version: "v1" }],
        preferredVersion: { groupVersion: `${name}/v1`, version: "v1" },
      })),
      ...(metrics ? [metricsGroupEntry()] : []),
    ],
  });
}

/** GET /api/v1 or /apis/GROUP/v1: the legacy APIResourceList (drain always reads /api/v1). */
export function resourceList(group: string, version: string): KubeResponse | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    const entry: Record<string, unknown> = {
      name: t.name,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
    };
    if (t.shortNames.length > 0) entry["shortNames"] = t.shortNames;
    if (t.categories.length > 0) entry["categories"] = t.categories;
    resources.push(entry);
    for (const s of t.subresources) {
      const subEntry: Record<string, unknown> = {
        name: `${t.name}/${s.name}`,
        singularName: "",
        namespaced: t.namespaced,
        kind: s.kind,
        verbs: s.verbs,
      };
      if (s.group !== t.group) subEntry["group"] = s.group;
      if (s.group !== t.group) subEntry["version"] = s.version;
      resources.push(subEntry);
    }
  }
  return jsonResponse(200, {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: groupVersion(types[0] as ResourceType),
    resources,
  });
}
