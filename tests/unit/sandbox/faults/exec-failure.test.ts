/**
 * reference/real-output.md and 05-describe-pod.txt: an entrypoint runc cannot exec gives
 * StartError, 128, startedAt 1970-01-01T00:00:00Z and the whole runc chain as the message.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { imageSpecSchema } from "../../../../src/schemas/scenario.ts";
import { checkExec } from "../../../../src/sandbox/cluster/runtime-errors.ts";
import { build, eventsFor, pods, RUNC_PREFIX, WEB_IMAGE } from "./fixture.ts";

function assertStartError(
  mode: "permission-denied" | "not-found" | "mount-over-file",
  expected: (uid: string) => string,
): void {
  const cluster = build([{ type: "exec-failure", image: WEB_IMAGE, mode, path: "/app/start" }]);
  for (const pod of pods(cluster)) {
    const uid = pod.metadata?.uid ?? "";
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(terminated?.reason, "StartError");
    assert.equal(terminated.exitCode, 128);
    assert.equal(terminated.startedAt, "1970-01-01T00:00:00Z");
    assert.equal(terminated.message, expected(uid));
    const events = eventsFor(cluster, pod);
    assert.equal(events.get("Failed")?.message, `Error: ${expected(uid)}`);
    assert.equal(events.get("Failed")?.type, "Warning");
    assert.equal(events.get("Created")?.message, "Created container: webapp");
    assert.equal(events.has("Started"), false);
    assert.deepEqual(
      cluster.podLogs("default", pod.metadata?.name ?? "", "webapp", { previous: true }),
      [],
    );
  }
}

test("no execute bit: permission denied (the reference's describe output)", () => {
  assertStartError(
    "permission-denied",
    () => `${RUNC_PREFIX}exec: "/app/start": permission denied: unknown`,
  );
});

test("missing entrypoint: stat ... no such file or directory", () => {
  assertStartError(
    "not-found",
    () => `${RUNC_PREFIX}exec: "/app/start": stat /app/start: no such file or directory: unknown`,
  );
});

test("a binary for another CPU starts, then execve fails: Error, exit 1, exec format error", () => {
  const cluster = build([
    { type: "exec-failure", image: WEB_IMAGE, mode: "exec-format", path: "/app/start" },
  ]);
  for (const pod of pods(cluster)) {
    const terminated = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(terminated?.reason, "Error");
    assert.equal(terminated.exitCode, 1);
    assert.notEqual(terminated.startedAt, "1970-01-01T00:00:00Z");
    assert.equal(eventsFor(cluster, pod).has("Started"), true);
    assert.deepEqual(
      cluster
        .podLogs("default", pod.metadata?.name ?? "", "webapp", { previous: true })
        .map((l) => `${l.stream} ${l.text}`),
      ["stderr exec /app/start: exec format error"],
    );
  }
});

test("a ConfigMap directory mounted over the entrypoint file: not a directory", () => {
  assertStartError(
    "mount-over-file",
    (uid) =>
      `${RUNC_PREFIX}error during container init: error mounting "/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~configmap/start-script" to rootfs at "/app/start": mount /var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~configmap/start-script:/app/start (via /proc/self/fd/6), flags: 0x5001: not a directory: unknown`,
  );
});

test("a bare command name is looked up in $PATH", () => {
  const image = imageSpecSchema.parse({ name: "x", files: [{ path: "/usr/local/bin/server" }] });
  assert.equal(checkExec(image, ["server"], []), undefined);
  assert.equal(
    checkExec(image, ["serve"], []),
    `${RUNC_PREFIX}exec: "serve": executable file not found in $PATH: unknown`,
  );
});
