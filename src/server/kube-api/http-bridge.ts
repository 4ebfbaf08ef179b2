/**
 * Serves the pure Kubernetes API handler (src/sandbox/kube-api) over node:http: request bodies in,
 * JSON out, chunked streams for watches and `logs -f` that stay open until the client leaves (a
 * closed watch ends `kubectl get -w` with exit 0), and an optional bearer token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { timingSafeEqual } from "node:crypto";
import {
  BOOKMARK_BEFORE_TIMEOUT_MS,
  BOOKMARK_EVERY_MS,
  handleKubeRequest,
  type KubeApiCluster,
  type KubeApiOptions,
  type KubeRequest,
  type KubeStream,
} from "../../sandbox/kube-api/index.ts";

export interface KubeApiServerOptions extends KubeApiOptions {
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Told how many watch / follow streams are open whenever that changes. */
  onStreams?: ((open: number) => void) | undefined;
  /** Rewrites every response body and stream chunk (the conformance harness shifts timestamps). */
  rewrite?: ((text: string) => string) | undefined;
}

const UNAUTHORIZED = JSON.stringify({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Unauthorized",
  reason: "Unauthorized",
  code: 401,
});

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}

export function authorized(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function toKubeRequest(req: IncomingMessage, body: Uint8Array): KubeRequest {
  const url = new URL(req.url ?? "/", "http://localhost");
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: headersOf(req),
    body,
  };
}

/**
 * BOOKMARK events on the watch cache's schedule (cacheWatcher.nextBookmarkTime): about every
 * minute, and 2 s before the watch's deadline so a client can resume from the latest version.
 */
function scheduleBookmarks(
  stream: KubeStream,
  timeoutMs: number,
  send: (line: string) => void,
): () => void {
  if (!stream.bookmark) return () => undefined;
  const bookmark = (): void => {
    const line = stream.bookmark?.();
    if (line !== undefined) send(line);
  };
  const every = setInterval(bookmark, BOOKMARK_EVERY_MS);
  const beforeTimeout =
    timeoutMs > BOOKMARK_BEFORE_TIMEOUT_MS
      ? setTimeout(bookmark, timeoutMs - BOOKMARK_BEFORE_TIMEOUT_MS)
      : undefined;
  return () => {
    clearInterval(every);
    clearTimeout(beforeTimeout);
  };
}

async function serve(
  cluster: KubeApiCluster,
  options: KubeApiServerOptions,
  streams: { open: number },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!authorized(req.headers.authorization, options.token)) {
    res.writeHead(401, { "content-type": "application/json" }).end(UNAUTHORIZED);
    return;
  }
  const request = toKubeRequest(req, await readBody(req));
  const response = handleKubeRequest(cluster, request, options);
  if (!response.stream) {
    const body = response.body ?? "";
    res
      .writeHead(response.status, response.headers)
      .end(options.rewrite ? options.rewrite(body) : body);
    return;
  }
  res.writeHead(response.status, response.headers);
  res.flushHeaders();
  const state: { ended: boolean; stop: (() => void) | undefined } = {
    ended: false,
    stop: undefined,
  };
  const finish = (): void => {
    if (state.ended) return;
    state.ended = true;
    state.stop?.();
    res.end();
  };
  streams.open++;
  options.onStreams?.(streams.open);
  res.on("close", () => {
    streams.open--;
    options.onStreams?.(streams.open);
  });
  const send = (chunk: string): void => {
    if (!state.ended) res.write(options.rewrite ? options.rewrite(chunk) : chunk);
  };
  state.stop = response.stream.start(send, finish);
  // The stream may have ended while starting (a `logs -f` of a stopped container).
  if (state.ended) state.stop();
  // A watch ends after timeoutSeconds, as the API server's does; the client then re-lists or stops.
  const timeout = Number(request.query.get("timeoutSeconds") ?? "0");
  const timer = timeout > 0 ? setTimeout(finish, timeout * 1000) : undefined;
  const stopBookmarks = state.ended
    ? () => undefined
    : scheduleBookmarks(response.stream, timeout * 1000, send);
  // res 'close' (not req 'close', which fires once the body is read) means the client went away.
  res.on("close", () => {
    stopBookmarks();
    if (timer) clearTimeout(timer);
    state.ended = true;
    state.stop?.();
  });
}

/** Plain HTTP, or HTTPS with `tls` (the serving certificate and its key, PEM). */
export function createKubeApiServer(
  cluster: KubeApiCluster,
  options: KubeApiServerOptions,
  tls?: { cert: string; key: string },
): Server | HttpsServer {
  const streams = { open: 0 };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    serve(cluster, options, streams, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(error instanceof Error ? error.message : String(error));
    });
  };
  return tls ? createHttpsServer(tls, handler) : createServer(handler);
}
