/** A small cluster (a control plane and two workers) with one web Deployment, plus the fault under test. */
import type { Event, Pod } from "kubernetes-types/core/v1.d.ts";
import type { FaultSpec, ScenarioInput } from "../../../../src/schemas/scenario.ts";
import type { Cluster } from "../../../../src/sandbox/cluster/cluster.ts";
import { createCluster } from "../../../../src/sandbox/scenarios/index.ts";

export const WEB_IMAGE = "registry.example.com/webapp:1.4.2";

export function faultScenario(
  faults: ScenarioInput["faults"],
  extra: Partial<ScenarioInput> = {},
): ScenarioInput {
  return {
    name: "fault-test",
    nodes: [
      {
        name: "node-1",
        role: "control-plane",
        taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }],
      },
      { name: "node-2" },
      { name: "node-3" },
    ],
    images: [
      {
        name: WEB_IMAGE,
        entrypoint: ["/app/start"],
        files: [{ path: "/app/start", mode: "0755", format: "elf-amd64" }],
        process: {
          memoryMi: 64,
          pids: 12,
          logs: [{ text: "starting webapp v1.4.2" }, { atSeconds: 1, text: "listening on :8080" }],
        },
      },
    ],
    workloads: [
      {
        kind: "Deployment",
        name: "webapp",
        replicas: 4,
        labels: { app: "webapp" },
        containers: [{ name: "webapp", image: WEB_IMAGE, ports: [8080] }],
      },
    ],
    faults,
    ...extra,
  };
}

export function build(
  faults: FaultSpec[] | ScenarioInput["faults"],
  seed = 3,
  extra: Partial<ScenarioInput> = {},
): Cluster {
  return createCluster(faultScenario(faults, extra), seed);
}

export function pods(cluster: Cluster, selector = "app=webapp"): Pod[] {
  return cluster.store.list<Pod>("pods", { namespace: "default", labelSelector: selector });
}

export function eventsFor(cluster: Cluster, pod: Pod): Map<string, Event> {
  const events = cluster.store.list<Event>("events", {
    namespace: pod.metadata?.namespace ?? "default",
    fieldSelector: `involvedObject.name=${pod.metadata?.name ?? ""}`,
  });
  return new Map(events.map((e) => [e.reason ?? "", e]));
}

/** The runc error chain every StartError message begins with (reference/real-output.md). */
export const RUNC_PREFIX =
  "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";
