/**
 * The runbook's cluster: three nodes (a control plane and two workers) and a web Deployment whose
 * pods crash-loop with exit code 128 (StartError) on one worker only, because containerd on that
 * worker is broken. It is the cluster the lessons' "run in terminal" commands go to.
 */
import type { ScenarioInput } from "../../schemas/scenario.ts";

export const runbookScenario: ScenarioInput = {
  name: "runbook",
  description:
    "A web Deployment whose pods fail with exit code 128 on one node only (containerd on that node is broken).",
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
      name: "registry.example.com/webapp:1.4.2",
      entrypoint: ["/app/start"],
      // A slim Debian base: coreutils are there, so the guide's node test
      // (`kubectl run test-pod --image=<same-image> --command -- sleep 60`) can run it.
      files: [
        { path: "/app/start", mode: "0755", format: "elf-amd64" },
        { path: "/bin/sleep", mode: "0755", format: "elf-amd64" },
      ],
      sizeBytes: 41_943_040,
      process: {
        memoryMi: 64,
        pids: 12,
        logs: [
          { atSeconds: 0, text: "starting webapp v1.4.2" },
          { atSeconds: 0.4, text: "connected to cache at redis:6379" },
          { atSeconds: 0.9, text: "listening on :8080" },
        ],
      },
    },
  ],
  workloads: [
    {
      kind: "Deployment",
      name: "webapp",
      replicas: 4,
      labels: { app: "webapp" },
      containers: [
        {
          name: "webapp",
          image: "registry.example.com/webapp:1.4.2",
          command: ["/app/start"],
          ports: [8080],
        },
      ],
    },
  ],
  faults: [{ type: "runtime-failure", node: "seeded" }],
};
