/**
 * Which run a log request reads: kubernetes pkg/kubelet/kubelet_pods.go validateContainerLogStatus
 * (previous, running, terminated, lastState.terminated, waiting, in that order) and its messages.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.d.ts";
import { containerLogs, logSource } from "../../../../src/sandbox/cluster/container-logs.ts";
import { LogsError } from "../../../../src/sandbox/cluster/cluster.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { build, pods } from "../faults/fixture.ts";

const ID = "containerd://4f1c0e";

function pod(status: Partial<ContainerStatus>): Pod {
  return {
    metadata: { name: "web-1", namespace: "default" },
    spec: { nodeName: "node-1", containers: [{ name: "web" }] },
    status: {
      containerStatuses: [
        { name: "web", image: "web", imageID: "", ready: false, restartCount: 0, ...status },
      ],
    },
  };
}

function message(p: Pod, previous = false): string {
  try {
    logSource(p, "web", previous);
  } catch (error) {
    assert.ok(error instanceof LogsError);
    assert.equal(error.code, 400);
    return error.message;
  }
  assert.fail("expected a 400");
}

const crashLooping = pod({
  state: { waiting: { reason: "CrashLoopBackOff" } },
  lastState: { terminated: { exitCode: 128, containerID: ID } },
});

test("a crash-looping container serves its last terminated run, with or without previous", () => {
  assert.equal(logSource(crashLooping, "web", false), "last-terminated");
  assert.equal(logSource(crashLooping, "web", true), "last-terminated");
});

test("a running container serves itself; previous its last terminated run or 'not found'", () => {
  const running = pod({
    state: { running: {} },
    lastState: { terminated: { exitCode: 1, containerID: ID } },
  });
  assert.equal(logSource(running, "web", false), "current");
  assert.equal(logSource(running, "web", true), "last-terminated");
  assert.equal(
    message(pod({ state: { running: {} } }), true),
    'previous terminated container "web" in pod "web-1" not found',
  );
});

test("a terminated container serves itself, or its last run when the next one never got an ID", () => {
  assert.equal(
    logSource(pod({ state: { terminated: { exitCode: 0, containerID: ID } } }), "web", false),
    "current",
  );
  assert.equal(
    logSource(
      pod({
        state: { terminated: { exitCode: 128 } },
        lastState: { terminated: { exitCode: 128, containerID: ID } },
      }),
      "web",
      false,
    ),
    "last-terminated",
  );
  assert.equal(
    message(pod({ state: { terminated: { exitCode: 128 } } })),
    'container "web" in pod "web-1" is terminated',
  );
});

test("only a container with no run yet is 'waiting to start', with the kubelet's wording for pulls", () => {
  const waiting = (reason: string) => pod({ state: { waiting: { reason } } });
  assert.equal(
    message(waiting("CrashLoopBackOff")),
    'container "web" in pod "web-1" is waiting to start: CrashLoopBackOff',
  );
  assert.equal(
    message(waiting("ErrImagePull")),
    `container "web" in pod "web-1" is waiting to start: image can't be pulled`,
  );
  assert.equal(
    message(waiting("ImagePullBackOff")),
    'container "web" in pod "web-1" is waiting to start: trying and failing to pull image',
  );
  assert.equal(
    message(pod({ state: {} })),
    'container "web" in pod "web-1" is waiting to start - no logs yet',
  );
  const noStatus: Pod = { ...crashLooping, status: {} };
  assert.equal(
    message(noStatus),
    'container "web" in pod "web-1" is waiting to start: ContainerCreating',
  );
});

test("containerLogs asks the reader for the chosen run and leaves container choice to it", () => {
  const asked: unknown[] = [];
  const reader = {
    podLogs(
      _ns: string,
      _pod: string,
      container: string | undefined,
      options: { previous?: boolean },
    ) {
      asked.push([container, options.previous]);
      return ["line"];
    },
  };
  assert.deepEqual(containerLogs(reader, crashLooping, undefined), ["line"]);
  assert.deepEqual(containerLogs(reader, crashLooping, "nosuch"), ["line"]);
  assert.deepEqual(asked, [
    ["web", true],
    ["nosuch", undefined],
  ]);
});

test("a StartError pod reads as its empty last run; a git init container as git's error", () => {
  const runbook = createCluster(scenario("runbook"), 7);
  const bad = runbook.store
    .list<Pod>("pods", { namespace: "default" })
    .find((p) => p.spec?.nodeName === runbook.faultNodes[0]);
  assert.ok(bad);
  assert.equal(bad.status?.containerStatuses?.[0]?.state?.waiting?.reason, "CrashLoopBackOff");
  assert.deepEqual(containerLogs(runbook, bad, undefined), []);
  const git = build(
    [
      {
        type: "git-init-container",
        repository: "https://github.com/acme/site-content.git",
        error: "authentication",
      },
    ],
    2,
  );
  const site = pods(git, "app=docs-site")[0];
  assert.ok(site);
  assert.deepEqual(
    containerLogs(git, site, "git-clone").map((line) => line.text),
    [
      "Cloning into '/workspace'...",
      "fatal: could not read Username for 'https://github.com': No such device or address",
    ],
  );
  // The app container has never run: the kubelet still says so.
  assert.throws(() => containerLogs(git, site, undefined), {
    message: `container "web" in pod "${site.metadata?.name ?? ""}" is waiting to start: PodInitializing`,
  });
});

test("Cluster.podLogs picks the run as the kubelet does, so crictl and attach agree with kubectl logs", () => {
  // A container that exits 1 after printing: restartPolicy Always, so it crash-loops.
  const cluster = createCluster(scenario("runbook"), 3);
  cluster.create("pods", {
    metadata: { name: "crasher", namespace: "default" },
    spec: {
      nodeName: cluster.nodeNames().find((n) => !cluster.faultNodes.includes(n)) ?? "",
      containers: [{ name: "app", image: "busybox:1.36", command: ["sh", "-c", "exit 1"] }],
    },
  });
  let status: ContainerStatus | undefined;
  for (let second = 0; second < 60; second += 1) {
    cluster.advance(1000);
    const current = cluster.store.get<Pod>("pods", "default", "crasher");
    status = current?.status?.containerStatuses?.[0];
    if (status?.state?.waiting?.reason === "CrashLoopBackOff") break;
  }
  assert.equal(status?.state?.waiting?.reason, "CrashLoopBackOff");
  // validateContainerLogStatus: waiting with a last terminated run serves that run, not a
  // "waiting to start: CrashLoopBackOff" error (the engine's own choice before).
  assert.deepEqual(cluster.podLogs("default", "crasher", undefined), []);
  assert.deepEqual(cluster.podLogs("default", "crasher", "app", { previous: true }), []);
  const current = cluster.store.get<Pod>("pods", "default", "crasher");
  assert.ok(current);
  assert.deepEqual(
    cluster.podLogs("default", "crasher", "app"),
    containerLogs(cluster, current, "app"),
  );
});
