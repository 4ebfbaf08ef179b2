/** reference/exit-codes.md: git exits 128 on every fatal error; the pod shows Init:Error / Init:CrashLoopBackOff. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { build, eventsFor, pods } from "./fixture.ts";

test("git clone without credentials: the init container ends with Error 128 and git's fatal line", () => {
  const cluster = build(
    [
      {
        type: "git-init-container",
        repository: "https://github.com/acme/site-content.git",
        error: "authentication",
      },
    ],
    2,
  );
  const site = pods(cluster, "app=docs-site");
  assert.equal(site.length, 2);
  for (const pod of site) {
    const name = pod.metadata?.name ?? "";
    const init = pod.status?.initContainerStatuses?.[0];
    assert.equal(pod.status?.phase, "Pending");
    assert.equal(init?.name, "git-clone");
    assert.equal(init.lastState?.terminated?.exitCode, 128);
    assert.equal(init.lastState.terminated.reason, "Error");
    assert.equal(init.state?.waiting?.reason, "CrashLoopBackOff");
    assert.equal(pod.status.containerStatuses?.[0]?.state?.waiting?.reason, "PodInitializing");
    const initialized = pod.status.conditions?.find((c) => c.type === "Initialized");
    assert.equal(initialized?.status, "False");
    assert.equal(initialized.message, "containers with incomplete status: [git-clone]");
    assert.deepEqual(
      cluster.podLogs("default", name, "git-clone", { previous: true }).map((l) => l.text),
      [
        "Cloning into '/workspace'...",
        "fatal: could not read Username for 'https://github.com': No such device or address",
      ],
    );
    const backoff = eventsFor(cluster, pod).get("BackOff");
    assert.equal(
      backoff?.message,
      `Back-off restarting failed container git-clone in pod ${name}_default(${pod.metadata?.uid ?? ""})`,
    );
    assert.equal(backoff.involvedObject.fieldPath, "spec.initContainers{git-clone}");
    // With one app container the API defaults to it, and it has not started yet.
    assert.throws(() => cluster.podLogs("default", name, undefined), {
      message: `container "web" in pod "${name}" is waiting to start: PodInitializing`,
    });
  }
});

test("a repository that does not exist: remote: Repository not found.", () => {
  const cluster = build(
    [
      {
        type: "git-init-container",
        repository: "https://github.com/acme/site-contnet.git",
        error: "not-found",
      },
    ],
    2,
  );
  const pod = pods(cluster, "app=docs-site")[0];
  assert.deepEqual(
    cluster
      .podLogs("default", pod?.metadata?.name ?? "", "git-clone", { previous: true })
      .map((l) => l.text),
    [
      "Cloning into '/workspace'...",
      "remote: Repository not found.",
      "fatal: repository 'https://github.com/acme/site-contnet.git/' not found",
    ],
  );
});

test("restartPolicy Never: the pod fails for good (Init:Error)", () => {
  const cluster = build([{ type: "git-init-container" }], 2, {
    workloads: [
      {
        kind: "Pod",
        name: "one-shot",
        restartPolicy: "Never",
        initContainers: [
          {
            name: "git-clone",
            image: "alpine/git:2.45.2",
            args: ["clone", "https://github.com/acme/site-content.git"],
          },
        ],
        containers: [{ name: "web", image: "nginx:1.27" }],
      },
    ],
  });
  const pod = cluster.store.get<Pod>("pods", "default", "one-shot");
  assert.equal(pod?.status?.phase, "Failed");
  assert.equal(pod.status.initContainerStatuses?.[0]?.state?.terminated?.exitCode, 128);
  assert.equal(pod.status.initContainerStatuses[0].state.terminated.reason, "Error");
  assert.equal(pod.status.initContainerStatuses[0].restartCount, 0);
});
