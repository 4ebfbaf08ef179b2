/**
 * kubectl logs on a pod whose init container crash-loops (findings D20, D48): the kubelet serves
 * the init container's last run without --previous (validateContainerLogStatus), and
 * --all-containers reads the init containers then the app container, stopping at the first error
 * with the earlier logs already printed (logs.go, sequential requests).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { build, pods } from "../faults/fixture.ts";
import { kubectl } from "./fixture.ts";

const GIT_LINES =
  "Cloning into '/workspace'...\nfatal: could not read Username for 'https://github.com': No such device or address\n";

function initFailing() {
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
  const name = pods(cluster, "app=docs-site")[0]?.metadata?.name ?? "";
  return { cluster, name };
}

test("logs -c INIT of a crash-looping init container prints its last run", async () => {
  const { cluster, name } = initFailing();
  const result = await kubectl(cluster, `kubectl logs ${name} -c git-clone`);
  assert.equal(result.output, GIT_LINES);
  assert.equal(result.exitCode, 0);
});

test("--all-containers prints the init container's log, then the app container's error", async () => {
  const { cluster, name } = initFailing();
  const result = await kubectl(cluster, `kubectl logs ${name} --all-containers`);
  assert.equal(
    result.output,
    `${GIT_LINES}Error from server (BadRequest): container "web" in pod "${name}" is waiting to start: PodInitializing\n`,
  );
  assert.equal(result.exitCode, 1);
});
