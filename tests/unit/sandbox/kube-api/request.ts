/** Builds requests for the pure handler and reads its JSON answers. */
import {
  handleKubeRequest,
  type KubeRequest,
  type KubeResponse,
} from "../../../../src/sandbox/kube-api/index.ts";
import { nameTable, type FixtureCluster } from "./fixture.ts";

export const TABLE_ACCEPT =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

export function request(
  method: string,
  url: string,
  options: { accept?: string; contentType?: string; body?: unknown } = {},
): KubeRequest {
  const parsed = new URL(url, "http://127.0.0.1");
  const body =
    options.body instanceof Uint8Array
      ? options.body
      : options.body === undefined
        ? undefined
        : new TextEncoder().encode(JSON.stringify(options.body));
  return {
    method,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: {
      accept: options.accept ?? "application/json",
      "content-type": options.contentType ?? "application/json",
    },
    body,
  };
}

export function send(
  cluster: FixtureCluster,
  method: string,
  url: string,
  options?: Parameters<typeof request>[2],
): KubeResponse {
  return handleKubeRequest(cluster, request(method, url, options), { toTable: nameTable });
}

export function json(response: KubeResponse): unknown {
  return JSON.parse(response.body ?? "null") as unknown;
}

/** The value at a dotted path ("items.0.metadata.name"), or undefined. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The array at a dotted path (empty when absent), typed as the test expects its elements. */
export function list<T>(value: unknown, path: string): T[] {
  const found = at(value, path);
  return Array.isArray(found) ? (found as T[]) : [];
}
