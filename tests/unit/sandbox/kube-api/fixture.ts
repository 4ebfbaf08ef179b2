/**
 * A small cluster for the API facade's tests, shaped after the probe in
 * shared/reference/kubectl-api.md: two nodes, a ReplicaSet pod crash-looping with exit code 128
 * (StartError) on node-2, a DaemonSet pod, events, and container logs.
 */
import { VirtualClock } from "../../../../src/sandbox/cluster/clock.ts";
import { SeededRandom } from "../../../../src/sandbox/cluster/random.ts";
import { ObjectStore, type KubeObject } from "../../../../src/sandbox/cluster/store.ts";
import type {
  ContainerLogLine,
  KubeApiCluster,
  TableLike,
} from "../../../../src/sandbox/kube-api/index.ts";

export const START_MS = Date.parse("2026-11-24T20:20:00Z");

export interface FixtureCluster extends KubeApiCluster {
  advance(ms: number): void;
  readonly store: ObjectStore;
  readonly clock: VirtualClock;
  logs: Map<string, ContainerLogLine[]>;
}

const START_ERROR =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/start": permission denied: unknown';

export function fixtureCluster(): FixtureCluster {
  const clock = new VirtualClock(START_MS);
  const store = new ObjectStore(clock, new SeededRandom(7));
  const logs = new Map<string, ContainerLogLine[]>();
  for (const name of ["default", "kube-system", "kube-node-lease"]) {
    store.create("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name },
      status: { phase: "Active" },
    } as KubeObject);
  }
  for (const name of ["node-1", "node-2"]) {
    store.create("nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { "kubernetes.io/hostname": name } },
      spec: {},
      status: {
        conditions: [{ type: "Ready", status: "True" }],
        nodeInfo: { kubeletVersion: "v1.32.0" },
      },
    } as KubeObject);
  }
  store.create("pods", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "webapp-6f7d8c9b5-abcde",
      namespace: "default",
      labels: { app: "webapp", "pod-template-hash": "6f7d8c9b5" },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "webapp-6f7d8c9b5",
          uid: "rs-uid",
          controller: true,
        },
      ],
    },
    spec: {
      nodeName: "node-2",
      containers: [{ name: "webapp", image: "registry.example.com/webapp:1.4.2" }],
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "webapp",
          ready: false,
          restartCount: 6,
          image: "registry.example.com/webapp:1.4.2",
          imageID: "",
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: {
            terminated: {
              exitCode: 128,
              reason: "StartError",
              message: START_ERROR,
              containerID: "containerd://9f8e7d6c5b4a",
            },
          },
        },
      ],
    },
  } as KubeObject);
  store.create("pods", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "kube-proxy-x7k2p",
      namespace: "kube-system",
      labels: { "k8s-app": "kube-proxy" },
    },
    spec: {
      nodeName: "node-1",
      containers: [{ name: "kube-proxy", image: "registry.k8s.io/kube-proxy:v1.32.0" }],
    },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "kube-proxy",
          ready: true,
          restartCount: 0,
          image: "",
          imageID: "",
          state: { running: { startedAt: "2026-11-24T20:00:00Z" } },
        },
      ],
    },
  } as KubeObject);
  logs.set("kube-system/kube-proxy-x7k2p/kube-proxy", [
    {
      timeMs: START_MS - 60_000,
      text: "I1124 20:19:00.000000       1 server.go:484] Version: v1.32.0",
    },
    {
      timeMs: START_MS - 30_500,
      text: "I1124 20:19:29.500000       1 proxier.go:300] Syncing iptables rules",
    },
  ]);
  const pod = store.get("pods", "default", "webapp-6f7d8c9b5-abcde");
  for (const [reason, type] of [
    ["Scheduled", "Normal"],
    ["BackOff", "Warning"],
  ] as const) {
    store.create("events", {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `webapp-6f7d8c9b5-abcde.${reason.toLowerCase()}`, namespace: "default" },
      involvedObject: {
        kind: "Pod",
        namespace: "default",
        name: "webapp-6f7d8c9b5-abcde",
        uid: pod?.metadata?.uid ?? "",
      },
      reason,
      type,
      message:
        reason === "Scheduled"
          ? "Successfully assigned default/webapp-6f7d8c9b5-abcde to node-2"
          : "Back-off restarting failed container webapp",
      count: 1,
    } as KubeObject);
  }
  return {
    store,
    clock,
    logs,
    advance: (ms) => clock.advance(ms),
    create: (resource, object) => store.create(resource, object),
    updateObject: (resource, object) => store.update(resource, object),
    // The engine's graceful deletion in short: a pod on a node gets its deletionTimestamp first.
    deletePod(namespace, name, options) {
      const found = store.require<KubeObject & { spec?: { nodeName?: string } }>(
        "pods",
        namespace,
        name,
      );
      const grace = options.gracePeriodSeconds ?? 30;
      if (grace === 0 || !found.spec?.nodeName) return store.delete("pods", namespace, name);
      const deletionTimestamp = new Date(clock.now() + grace * 1000).toISOString();
      return store.update("pods", {
        ...found,
        metadata: { ...found.metadata, deletionTimestamp, deletionGracePeriodSeconds: grace },
      });
    },
    evictPod(namespace, name) {
      this.deletePod(namespace, name, {});
    },
    podLogs(namespace, podName, container, options) {
      return options.previous === true
        ? []
        : (logs.get(`${namespace}/${podName}/${container ?? ""}`) ?? []);
    },
  };
}

/** A stand-in for the kubectl tables in tests of the handler's own behaviour: NAME only. */
export function nameTable(
  _resource: string,
  objects: readonly KubeObject[],
  _ctx: { nowMs: number },
  options?: { resourceVersion?: string | undefined },
): TableLike {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata:
      options?.resourceVersion === undefined ? {} : { resourceVersion: options.resourceVersion },
    columnDefinitions: [
      { name: "Name", type: "string", format: "name", description: "", priority: 0 },
    ],
    rows: objects.map((object) => ({
      cells: [object.metadata?.name ?? ""],
      object: {
        kind: "PartialObjectMetadata",
        apiVersion: "meta.k8s.io/v1",
        metadata: object.metadata ?? {},
      },
    })),
  };
}
