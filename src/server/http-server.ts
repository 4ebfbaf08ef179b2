import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;
export type WebSocketHandler = (socket: WebSocket, req: IncomingMessage) => void;

export interface AppServerOptions {
  /** Serves everything the backend does not: Astro's pages and static files. */
  readonly site: RequestHandler;
  /** WebSocket endpoints by path, for example the terminal's `/ws/terminal`. */
  readonly webSockets?: ReadonlyMap<string, WebSocketHandler>;
  /** Backend HTTP routes by path, answered before the site. */
  readonly routes?: ReadonlyMap<string, RequestHandler>;
}

function health(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ status: "ok" }));
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

/** Browsers send Origin on WebSocket upgrades; only pages of this server may open one. */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // non-browser clients (tests, CLI) send none
  const host = req.headers.host;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** One HTTP server for the site, the backend routes and the WebSocket endpoints. */
export function createAppServer(options: AppServerOptions): Server {
  const routes = new Map<string, RequestHandler>([["/api/health", health]]);
  for (const [path, handler] of options.routes ?? []) routes.set(path, handler);

  const server = createServer((req, res) => {
    const route = routes.get(pathOf(req));
    (route ?? options.site)(req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on("upgrade", (req, socket, head) => {
    const handler = options.webSockets?.get(pathOf(req));
    if (!handler) {
      refuseUpgrade(socket, "404 Not Found");
      return;
    }
    if (!isSameOrigin(req)) {
      refuseUpgrade(socket, "403 Forbidden");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => handler(ws, req));
  });
  server.on("close", () => wss.close());
  return server;
}
