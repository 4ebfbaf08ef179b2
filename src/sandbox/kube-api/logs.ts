/**
 * GET pods/NAME/log: the cluster's lines (it raises the API server's and the kubelet's 400
 * messages: which container, nothing to read yet) and the tailLines / sinceSeconds / sinceTime /
 * timestamps / limitBytes / follow options.
 */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { containerLogs } from "../cluster/container-logs.ts";
import type { KubeObject } from "../cluster/store.ts";
import type { ContainerLogLine, KubeApiCluster } from "./cluster-port.ts";
import type { KubeResponse } from "./http.ts";
import { ApiError } from "./status.ts";

/** Go's time.RFC3339Nano, which the kubelet uses for --timestamps: trailing zeros of the fraction dropped. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const [seconds = "", fraction = ""] = iso.slice(0, -1).split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed === "" ? `${seconds}Z` : `${seconds}.${trimmed}Z`;
}

function isRunning(pod: Pod | undefined, container: string): boolean {
  const statuses = [
    ...(pod?.status?.containerStatuses ?? []),
    ...(pod?.status?.ephemeralContainerStatuses ?? []),
  ];
  return statuses.some((s) => s.name === container && s.state?.running !== undefined);
}

function selectLines(
  lines: readonly ContainerLogLine[],
  query: URLSearchParams,
  nowMs: number,
): readonly ContainerLogLine[] {
  let out = lines;
  const sinceSeconds = query.get("sinceSeconds");
  if (sinceSeconds !== null)
    out = out.filter((line) => line.timeMs >= nowMs - Number(sinceSeconds) * 1000);
  const sinceTime = query.get("sinceTime");
  if (sinceTime !== null) out = out.filter((line) => line.timeMs >= Date.parse(sinceTime));
  const tail = query.get("tailLines");
  if (tail !== null && Number(tail) >= 0) out = Number(tail) === 0 ? [] : out.slice(-Number(tail));
  return out;
}

function render(lines: readonly ContainerLogLine[], timestamps: boolean): string {
  return lines
    .map((line) => `${timestamps ? `${rfc3339Nano(line.timeMs)} ` : ""}${line.text}\n`)
    .join("");
}

export function podLogResponse(
  cluster: KubeApiCluster,
  object: KubeObject,
  query: URLSearchParams,
): KubeResponse {
  const pod = object as Pod;
  const namespace = pod.metadata?.namespace ?? "default";
  const name = pod.metadata?.name ?? "";
  const requested = query.get("container");
  const container = requested === null || requested === "" ? undefined : requested;
  // For `-f`: the container whose end ends the stream (kubectl names it; else the only one).
  const followed = container ?? pod.spec?.containers[0]?.name ?? "";
  const headers = { "content-type": "text/plain" };
  const previous = query.get("previous") === "true";
  const timestamps = query.get("timestamps") === "true";
  const limitBytes = query.get("limitBytes");
  const read = (): readonly ContainerLogLine[] => {
    try {
      // The pod is read again each time: which run the kubelet serves follows its status.
      const current = cluster.store.get<Pod>("pods", namespace, name);
      if (!current) return cluster.podLogs(namespace, name, container, { previous });
      return containerLogs(cluster, current, container, { previous });
    } catch (error) {
      // The API server's or kubelet's 400 answer (LogsError in the cluster).
      if (error instanceof Error && (error as Error & { code?: unknown }).code === 400)
        throw new ApiError("BadRequest", error.message);
      throw error;
    }
  };
  const initial = selectLines(read(), query, cluster.clock.now());
  let text = render(initial, timestamps);
  if (limitBytes !== null) text = text.slice(0, Number(limitBytes));
  if (query.get("follow") !== "true" || previous) return { status: 200, headers, body: text };
  return {
    status: 200,
    headers,
    stream: {
      start(write, end) {
        write(text);
        let seen = read().length;
        const stop = cluster.store.watch("pods", { namespace }, (event) => {
          if (event.object.metadata?.name !== name) return;
          // After the 200 the stream can only end: a 400 now (no run to read) reads as nothing new.
          let lines: readonly ContainerLogLine[] = [];
          if (event.type !== "DELETED")
            try {
              lines = read();
            } catch (error) {
              if (!(error instanceof ApiError)) throw error;
            }
          if (lines.length > seen) write(render(lines.slice(seen), timestamps));
          seen = Math.max(seen, lines.length);
          if (event.type === "DELETED" || !isRunning(event.object as Pod, followed)) {
            stop();
            end();
          }
        });
        if (!isRunning(pod, followed)) {
          stop();
          end();
        }
        return stop;
      },
    },
  };
}
