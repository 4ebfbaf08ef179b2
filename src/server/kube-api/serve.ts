/**
 * `npm run sandbox -- LAB_ID --serve`: a simulated cluster behind a Kubernetes REST API on
 * 127.0.0.1, so kubectl, k9s or @kubernetes/client-node can drive the same cluster the lab checks.
 * Virtual time follows real time while serving, so pods start, crash and back off as they would.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Server as HttpsServer } from "node:https";
import { toTable } from "../../sandbox/kubectl/tables/index.ts";
import type { KubeApiCluster, MetricsSource } from "../../sandbox/kube-api/index.ts";
import type { Cluster } from "../../sandbox/cluster/cluster.ts";
import { containerExecRunner } from "./container-exec.ts";
import { createKubeApiServer } from "./http-bridge.ts";
import { writeKubeconfig } from "./kubeconfig.ts";
import { metricsSourceOf } from "./metrics-source.ts";
import { servingCertificate } from "./tls.ts";
import { attachStreams, type ExecRunner } from "./streams.ts";

export interface ServedCluster extends KubeApiCluster {
  advance(ms: number): void;
}

export interface ServeOptions {
  /** 0 or absent: any free port. */
  port?: number | undefined;
  /** When set, clients must send `Authorization: Bearer <token>` (the kubeconfig carries it). */
  token?: string | undefined;
  /** Runs `kubectl exec` / `attach` / `debug -it` commands in the sandbox's shell. */
  exec?: ExecRunner | undefined;
  /** Real milliseconds between clock steps; 0 freezes virtual time (tests). */
  tickMs?: number | undefined;
  /**
   * Moves virtual time only while a client waits (on a stream: kubectl delete's watch, get -w; or
   * for a pod's graceful deletion: drain's polling), by this many virtual milliseconds per tick:
   * outputs stay reproducible, waits still end.
   */
  stepWhileWaitingMs?: number | undefined;
  /** Rewrites response bodies (the conformance harness moves timestamps to the client's clock). */
  rewrite?: ((text: string) => string) | undefined;
  /** The cluster's metrics-server behind metrics.k8s.io (none: no such group). */
  metrics?: MetricsSource | undefined;
  /**
   * Serve HTTPS with a CA and certificate made for this run; the kubeconfig carries the CA
   * (Lens and some client libraries refuse plain HTTP).
   */
  tls?: boolean | undefined;
  /** Where to write the kubeconfig (a new temporary directory by default). */
  kubeconfigDir?: string | undefined;
}

export interface RunningKubeApi {
  url: string;
  kubeconfigPath: string;
  server: Server | HttpsServer;
  close(): Promise<void>;
}

/**
 * Whether a pod is being deleted gracefully: `kubectl drain` waits for that by polling GETs, with
 * no stream open, so virtual time must move for the kubelet to finish the deletion.
 */
function terminating(cluster: KubeApiCluster): boolean {
  return cluster.store
    .readList("pods")
    .some((pod) => pod.metadata?.deletionTimestamp !== undefined);
}

/** Starts the API on 127.0.0.1 and writes its kubeconfig; the caller decides how long it runs. */
export async function startKubeApi(
  cluster: ServedCluster,
  options: ServeOptions = {},
): Promise<RunningKubeApi> {
  let waiting = 0;
  const certificate = options.tls === true ? servingCertificate() : undefined;
  // Over HTTPS kubectl asks for a username when the kubeconfig's user has no credentials, so a
  // TLS server always has a token (a random one unless given), which the kubeconfig carries.
  const token = options.token ?? (certificate ? randomBytes(24).toString("base64url") : undefined);
  const server = createKubeApiServer(
    cluster,
    {
      toTable,
      token,
      rewrite: options.rewrite,
      metrics: options.metrics,
      onStreams: (open) => {
        waiting = open;
      },
    },
    certificate && { cert: certificate.certPem, key: certificate.keyPem },
  );
  attachStreams(server, cluster, { token, exec: options.exec });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${certificate ? "https" : "http"}://127.0.0.1:${String(port)}`;
  const kubeconfigPath = writeKubeconfig(
    { server: url, token, caPem: certificate?.caPem },
    options.kubeconfigDir,
  );
  const tickMs = options.tickMs ?? 250;
  let last = Date.now();
  const timer =
    tickMs > 0
      ? setInterval(() => {
          const now = Date.now();
          const step = options.stepWhileWaitingMs;
          if (step === undefined) cluster.advance(now - last);
          else if (waiting > 0 || terminating(cluster)) cluster.advance(step);
          last = now;
        }, tickMs)
      : undefined;
  return {
    url,
    kubeconfigPath,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Prints `KUBECONFIG=<path>` as the first line, then serves until SIGINT or SIGTERM. exec, attach
 * and debug -it reach the cluster's container shells unless options.exec says otherwise.
 */
export async function serveCluster(cluster: Cluster, options: ServeOptions = {}): Promise<void> {
  const exec = options.exec ?? containerExecRunner(cluster);
  const metrics = options.metrics ?? metricsSourceOf(cluster);
  const api = await startKubeApi(cluster, { ...options, exec, metrics });
  process.stdout.write(`KUBECONFIG=${api.kubeconfigPath}\n`);
  process.stdout.write(
    `Kubernetes API of the sandbox at ${api.url}; try: KUBECONFIG=${api.kubeconfigPath} kubectl get pods -A\n`,
  );
  process.stdout.write("Press Ctrl-C to stop.\n");
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await api.close();
}
