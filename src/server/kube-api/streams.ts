/**
 * The exec/attach streaming protocol over WebSocket (`v5.channel.k8s.io`, which kubectl 1.30+
 * speaks by default; `v4.channel.k8s.io` too). Every binary frame starts with its channel byte:
 * 0 stdin, 1 stdout, 2 stderr, 3 the final Status (JSON), 4 terminal resize, 255 close-stream.
 * The final Status for a non-zero exit is what makes kubectl print
 * `command terminated with exit code N` and exit with N.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { KubeObject } from "../../sandbox/cluster/store.ts";
import type { KubeApiCluster } from "../../sandbox/kube-api/index.ts";
import { authorized } from "./http-bridge.ts";

export interface ExecRequest {
  kind: "exec" | "attach";
  namespace: string;
  pod: string;
  container: string;
  /** exec's command; empty for attach (the container's own process). */
  command: readonly string[];
  stdin: boolean;
  tty: boolean;
  nodeName: string;
}

export interface ExecIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Keystrokes or piped input from the client (channel 0). */
  onStdin(listener: (data: string) => void): void;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
}

/** Runs a command (or attaches) in the sandbox; resolves to the exit status. */
export type ExecRunner = (request: ExecRequest, io: ExecIo) => Promise<number>;

const PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"];
const STREAM_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach)$/;

const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

function frame(channel: number, text: string): Buffer {
  return Buffer.concat([Buffer.from([channel]), Buffer.from(text, "utf8")]);
}

export function exitStatus(code: number, command: readonly string[]): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: "Success" };
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${String(code)}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

function failure(message: string, reason: string, code: number): Record<string, unknown> {
  return { metadata: {}, status: "Failure", message, reason, code };
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${String(status)} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${String(text.length)}\r\n\r\n${text}`,
  );
}

interface Target {
  request: ExecRequest;
  problem?: Record<string, unknown>;
}

function target(
  cluster: KubeApiCluster,
  url: URL,
  kind: "exec" | "attach",
  namespace: string,
  name: string,
): Target {
  const pod = cluster.store.get<
    KubeObject & { spec?: { nodeName?: string; containers?: { name: string }[] } }
  >("pods", namespace, name);
  const query = url.searchParams;
  const container = query.get("container") ?? pod?.spec?.containers?.[0]?.name ?? "";
  const request: ExecRequest = {
    kind,
    namespace,
    pod: name,
    container,
    command: query.getAll("command"),
    stdin: query.get("stdin") === "true",
    tty: query.get("tty") === "true",
    nodeName: pod?.spec?.nodeName ?? "",
  };
  if (!pod) return { request, problem: failure(`pods "${name}" not found`, "NotFound", 404) };
  if (!(pod.spec?.containers ?? []).some((c) => c.name === container)) {
    return {
      request,
      problem: failure(`container ${container} is not valid for pod ${name}`, "BadRequest", 400),
    };
  }
  return { request };
}

async function run(ws: WebSocket, found: Target, exec: ExecRunner | undefined): Promise<void> {
  const send = (channel: number, text: string): void => {
    if (ws.readyState === ws.OPEN) ws.send(frame(channel, text));
  };
  const finish = (status: Record<string, unknown>): void => {
    send(CHANNEL.error, JSON.stringify(status));
    ws.close(1000);
  };
  if (found.problem) {
    finish(found.problem);
    return;
  }
  if (!exec) {
    finish(
      failure(
        "this sandbox serves no container shell: exec and attach are not available",
        "BadRequest",
        400,
      ),
    );
    return;
  }
  const aborter = new AbortController();
  const listeners: ((data: string) => void)[] = [];
  ws.on("message", (data: Buffer) => {
    if (data.length === 0 || data[0] !== CHANNEL.stdin) return;
    const text = data.subarray(1).toString("utf8");
    for (const listener of listeners) listener(text);
  });
  ws.on("close", () => aborter.abort());
  const code = await exec(found.request, {
    stdout: (text) => send(CHANNEL.stdout, text),
    stderr: (text) => send(CHANNEL.stderr, text),
    onStdin: (listener) => listeners.push(listener),
    signal: aborter.signal,
  });
  // The kubelet reports exit codes for exec only; an attach ends with Success when its stream does.
  finish(exitStatus(found.request.kind === "exec" ? code : 0, found.request.command));
}

/** Adds WebSocket exec/attach to the API server. */
export function attachStreams(
  server: Server | HttpsServer,
  cluster: KubeApiCluster,
  options: { token?: string | undefined; exec?: ExecRunner | undefined },
): void {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!authorized(req.headers.authorization, options.token)) {
      reject(socket, 401, "Unauthorized");
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = STREAM_PATH.exec(url.pathname);
    if (!match || req.headers.upgrade?.toLowerCase() !== "websocket") {
      // SPDY (kubectl <= 1.29) is not spoken; kubectl then falls back or reports the upgrade failure.
      reject(socket, 400, "Bad Request");
      return;
    }
    const [, namespace = "", name = "", kind = "exec"] = match;
    const found = target(
      cluster,
      url,
      kind === "attach" ? "attach" : "exec",
      decodeURIComponent(namespace),
      decodeURIComponent(name),
    );
    wss.handleUpgrade(req, socket, head, (ws) => {
      run(ws, found, options.exec).catch(() => ws.close(1011));
    });
  });
}
