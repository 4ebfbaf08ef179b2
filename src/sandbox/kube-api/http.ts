/**
 * The request and response shapes of the Kubernetes API facade. They carry no Node types, so the
 * handler runs anywhere (a Node server, a test, a Web Worker).
 */

export interface KubeRequest {
  method: string;
  /** The URL path without the query, e.g. /api/v1/namespaces/default/pods. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  body?: Uint8Array | undefined;
}

/** A long-lived response body (watch events, `logs -f`): start() begins it and returns a stop. */
export interface KubeStream {
  start(write: (chunk: string) => void, end: () => void): () => void;
  /**
   * A watch's BOOKMARK event line when the client allowed bookmarks (undefined otherwise); the
   * serving layer asks for one on kube-apiserver's schedule (BOOKMARK_EVERY_MS, and
   * BOOKMARK_BEFORE_TIMEOUT_MS before the watch's timeout).
   */
  bookmark?: () => string | undefined;
}

export interface KubeResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  stream?: KubeStream;
}

export function jsonResponse(
  status: number,
  value: unknown,
  contentType = "application/json",
): KubeResponse {
  return { status, headers: { "content-type": contentType }, body: JSON.stringify(value) };
}
