/**
 * The STATUS, READY and RESTARTS cells of the pods table, case by case as kube-apiserver's printPod
 * derives them (pkg/printers/internalversion/printers.go).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.d.ts";
import { summarizePod } from "../../../../src/sandbox/kubectl/tables/pods.ts";

const NOW = Date.parse("2026-11-24T20:31:18Z");

function status(
  name: string,
  state: NonNullable<ContainerStatus["state"]>,
  extra: Partial<ContainerStatus> = {},
): ContainerStatus {
  return { name, image: "img", imageID: "", ready: false, restartCount: 0, state, ...extra };
}

function pod(options: {
  phase?: string;
  inits?: ContainerStatus[];
  containers?: ContainerStatus[];
  initialized?: boolean;
  deleting?: boolean;
}): Pod {
  const inits = options.inits ?? [];
  const containers = options.containers ?? [];
  return {
    metadata: {
      name: "p",
      ...(options.deleting ? { deletionTimestamp: "2026-11-24T20:31:10Z" } : {}),
    },
    spec: {
      initContainers: inits.map((s) => ({ name: s.name })),
      containers: containers.map((s) => ({ name: s.name })),
    },
    status: {
      phase: options.phase ?? "Running",
      conditions: [
        { type: "Initialized", status: options.initialized === false ? "False" : "True" },
      ],
      initContainerStatuses: inits,
      containerStatuses: containers,
    },
  };
}

const crashLoop = { waiting: { reason: "CrashLoopBackOff" } };
const lastStartError = {
  lastState: {
    terminated: { exitCode: 128, reason: "StartError", finishedAt: "2026-11-24T20:29:18Z" },
  },
  restartCount: 4,
};

test("a crash-looping container: CrashLoopBackOff, 0/1, restarts with (2m ago)", () => {
  assert.deepEqual(
    summarizePod(pod({ containers: [status("app", crashLoop, lastStartError)] }), NOW),
    {
      ready: "0/1",
      status: "CrashLoopBackOff",
      restarts: "4 (2m ago)",
    },
  );
});

test("a container that has just failed to start shows its terminated reason", () => {
  const p = pod({
    containers: [status("app", { terminated: { exitCode: 128, reason: "StartError" } })],
  });
  assert.equal(summarizePod(p, NOW).status, "StartError");
  const e = pod({ containers: [status("app", { terminated: { exitCode: 1, reason: "Error" } })] });
  assert.equal(summarizePod(e, NOW).status, "Error");
  const bare = pod({ containers: [status("app", { terminated: { exitCode: 128 } })] });
  assert.equal(summarizePod(bare, NOW).status, "ExitCode:128");
  const signal = pod({ containers: [status("app", { terminated: { exitCode: 137, signal: 9 } })] });
  assert.equal(summarizePod(signal, NOW).status, "Signal:9");
});

test("init containers: Init:N/M while waiting, Init:<reason> when one fails", () => {
  const waiting = pod({
    initialized: false,
    phase: "Pending",
    inits: [
      status("clone", { terminated: { exitCode: 0, reason: "Completed" } }),
      status("setup", { waiting: { reason: "PodInitializing" } }),
    ],
    containers: [status("app", { waiting: { reason: "PodInitializing" } })],
  });
  assert.equal(summarizePod(waiting, NOW).status, "Init:1/2");
  const failed = pod({
    initialized: false,
    phase: "Pending",
    inits: [status("clone", { terminated: { exitCode: 128, reason: "Error" } })],
    containers: [status("app", { waiting: { reason: "PodInitializing" } })],
  });
  assert.equal(summarizePod(failed, NOW).status, "Init:Error");
  const looping = pod({
    initialized: false,
    phase: "Pending",
    inits: [status("clone", crashLoop, { restartCount: 3 })],
    containers: [status("app", { waiting: { reason: "PodInitializing" } })],
  });
  assert.deepEqual(summarizePod(looping, NOW), {
    ready: "0/1",
    status: "Init:CrashLoopBackOff",
    restarts: "3",
  });
});

test("Completed, Running when a container still runs, Terminating while deleting", () => {
  const done = pod({
    phase: "Succeeded",
    containers: [status("app", { terminated: { exitCode: 0, reason: "Completed" } })],
  });
  assert.equal(summarizePod(done, NOW).status, "Completed");
  const running = pod({
    containers: [
      status("app", { running: { startedAt: "2026-11-24T20:00:00Z" } }, { ready: true }),
    ],
  });
  assert.deepEqual(summarizePod(running, NOW), { ready: "1/1", status: "Running", restarts: "0" });
  const deleting = pod({
    deleting: true,
    containers: [status("app", { running: {} }, { ready: true })],
  });
  assert.equal(summarizePod(deleting, NOW).status, "Terminating");
});
