/** A minimal ClusterView over plain objects, so the checks are tested without the engine. */
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import type { ClusterView } from "../../../../src/grading/lab/cluster-view.ts";
import type { KubeObject } from "../../../../src/sandbox/cluster/store.ts";

export const START_MS = Date.parse("2026-11-24T20:21:17Z");

export class FakeCluster implements ClusterView {
  nowMs = START_MS;
  readonly objects = new Map<string, KubeObject[]>();
  readonly restarts: { node: string; unit: string }[] = [];

  add(resource: string, object: KubeObject): void {
    this.objects.set(resource, [...(this.objects.get(resource) ?? []), object]);
  }

  remove(resource: string, name: string): void {
    this.objects.set(
      resource,
      (this.objects.get(resource) ?? []).filter((o) => o.metadata?.name !== name),
    );
  }

  list<T extends KubeObject = KubeObject>(
    resource: string,
    options: { namespace?: string | undefined; labelSelector?: string | undefined } = {},
  ): T[] {
    const wanted = (options.labelSelector ?? "")
      .split(",")
      .filter((term) => term !== "")
      .map((term) => term.split("="));
    return (this.objects.get(resource) ?? []).filter(
      (object) =>
        (options.namespace === undefined || object.metadata?.namespace === options.namespace) &&
        wanted.every(([key, value]) => object.metadata?.labels?.[key ?? ""] === value),
    ) as T[];
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as ClusterView
  get<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    return this.list<T>(resource, { namespace }).find((o) => o.metadata?.name === name);
  }

  now(): number {
    return this.nowMs;
  }

  unitRestarts(node: string, unit: string): number {
    return this.restarts.filter((r) => r.node === node && r.unit === unit).length;
  }
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * A pod of the web deployment. "failing" mirrors the describe output in the reference: Waiting in
 * CrashLoopBackOff with Last State Terminated, reason StartError, exit code 128 and a startedAt of
 * the epoch.
 */
export function webPod(
  name: string,
  node: string,
  state: "failing" | "running",
  runningSinceMs = START_MS,
): Pod {
  const failing = state === "failing";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: "web" } },
    spec: {
      nodeName: node,
      containers: [{ name: "web", image: "registry.example.com/shop/web:1.4" }],
    },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "web",
          image: "registry.example.com/shop/web:1.4",
          imageID: "",
          ready: !failing,
          restartCount: failing ? 4 : 0,
          state: failing
            ? { waiting: { reason: "CrashLoopBackOff" } }
            : { running: { startedAt: iso(runningSinceMs) } },
          ...(failing
            ? {
                lastState: {
                  terminated: {
                    exitCode: 128,
                    reason: "StartError",
                    startedAt: "1970-01-01T00:00:00Z",
                    finishedAt: iso(START_MS),
                  },
                },
              }
            : {}),
        },
      ],
    },
  };
}

/**
 * A worker node as the kubelet reports it. NotReady mirrors a hung containerd (kubelet runtime.go and
 * nodestatus setters.go): Ready False, reason KubeletNotReady, message "container runtime is down".
 */
export function workerNode(name: string, ready: boolean, sinceMs = START_MS): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name },
    spec: {},
    status: {
      conditions: [
        ready
          ? {
              type: "Ready",
              status: "True",
              reason: "KubeletReady",
              message: "kubelet is posting ready status",
              lastTransitionTime: iso(sinceMs),
            }
          : {
              type: "Ready",
              status: "False",
              reason: "KubeletNotReady",
              message: "container runtime is down",
              lastTransitionTime: iso(sinceMs),
            },
      ],
    },
  };
}
