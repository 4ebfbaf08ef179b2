/**
 * A minimal OpenAPI v3 discovery. kubectl create/apply/replace -f download it before sending
 * (without it: `error validating data: failed to download openapi`). Listing, per resource path,
 * the group-version-kind and the fieldValidation query parameter makes kubectl leave validation
 * to the server (it sends ?fieldValidation=Strict) and fall back to its compiled-in patch
 * strategies for apply, as observed with kubectl 1.32 (reference transcript 21).
 */
import { SERVER_VERSION } from "./discovery.ts";
import { jsonResponse, type KubeResponse } from "./http.ts";
import { groupVersion, RESOURCE_TYPES, type ResourceType } from "./resources.ts";

/** Changes when the served API changes; clients cache the documents by it. */
const HASH = `${SERVER_VERSION.gitVersion}-${String(RESOURCE_TYPES.length)}`;

function prefix(gv: string): string {
  return gv.includes("/") ? `apis/${gv}` : `api/${gv}`;
}

function itemPath(type: ResourceType): string {
  const base = `/${prefix(groupVersion(type))}`;
  return type.namespaced
    ? `${base}/namespaces/{namespace}/${type.name}/{name}`
    : `${base}/${type.name}/{name}`;
}

export function openApiIndex(): KubeResponse {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of new Set(RESOURCE_TYPES.map(groupVersion))) {
    paths[prefix(gv)] = { serverRelativeURL: `/openapi/v3/${prefix(gv)}?hash=${HASH}` };
  }
  return jsonResponse(200, { paths });
}

/** GET /openapi/v3/api/v1, /openapi/v3/apis/GROUP/v1; undefined for a group-version not served. */
export function openApiGroupVersion(path: string): KubeResponse | undefined {
  const types = RESOURCE_TYPES.filter((t) => `/openapi/v3/${prefix(groupVersion(t))}` === path);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const type of types) {
    const gvk = { group: type.group, version: type.version, kind: type.kind };
    const operation = {
      "x-kubernetes-group-version-kind": gvk,
      parameters: [{ name: "fieldValidation", in: "query" }],
    };
    paths[itemPath(type)] = { get: operation, put: operation, patch: operation, delete: operation };
  }
  return jsonResponse(200, {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: SERVER_VERSION.gitVersion },
    paths,
  });
}
