/**
 * A shell whose stdin is a terminal (`kubectl run -it`, `kubectl debug -it`) waits for input: the
 * container runs until the attached session ends, then exits with the shell's status and follows
 * its restart policy. With stdinOnce (what `kubectl run -i` sets) the restarted shell reads
 * end-of-file at once and completes; without it the new shell waits for the next attach.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.d.ts";
import { build } from "../faults/fixture.ts";

function shellPod(stdinOnce: boolean) {
  const cluster = build([]);
  cluster.create("pods", {
    metadata: { name: "shell", namespace: "default" },
    spec: {
      nodeName: "node-2",
      containers: [
        {
          name: "shell",
          image: "busybox:1.36",
          stdin: true,
          tty: true,
          ...(stdinOnce ? { stdinOnce: true } : {}),
        },
      ],
    },
  });
  cluster.advance(5_000);
  const status = (): ContainerStatus | undefined =>
    cluster.store.get<Pod>("pods", "default", "shell")?.status?.containerStatuses?.[0];
  return { cluster, status };
}

test("a shell with a terminal on its stdin keeps running until the session ends", () => {
  const { cluster, status } = shellPod(true);
  cluster.advance(10 * 60_000);
  assert.ok(status()?.state?.running);
  assert.equal(status()?.restartCount, 0);
  assert.equal(cluster.attachedProcessExited("default", "shell", "shell", 7), true);
  cluster.advance(1_000);
  const last = status()?.lastState?.terminated ?? status()?.state?.terminated;
  assert.deepEqual([last?.exitCode, last?.reason], [7, "Error"]);
});

test("stdinOnce: after the session the restarted shell reads end-of-file and completes", () => {
  const { cluster, status } = shellPod(true);
  cluster.attachedProcessExited("default", "shell", "shell", 0);
  cluster.advance(60_000);
  const current = status();
  assert.ok((current?.restartCount ?? 0) >= 1);
  const completed = current?.state?.terminated ?? current?.lastState?.terminated;
  assert.equal(completed?.reason, "Completed");
  assert.equal(
    cluster.attachedProcessExited("default", "shell", "shell", 0),
    false,
    "no shell waits for a terminal any more",
  );
});

test("without stdinOnce the restarted shell waits for the next attach", () => {
  const { cluster, status } = shellPod(false);
  cluster.attachedProcessExited("default", "shell", "shell", 0);
  cluster.advance(60_000);
  assert.equal(status()?.restartCount, 1);
  assert.ok(status()?.state?.running);
  assert.equal(cluster.attachedProcessExited("default", "shell", "shell", 2), true);
});

test("nothing to end when the container is not a shell reading a terminal", () => {
  const { cluster } = shellPod(false);
  assert.equal(cluster.attachedProcessExited("default", "nope", "shell", 0), false);
  assert.equal(cluster.attachedProcessExited("default", "shell", "other", 0), false);
});
