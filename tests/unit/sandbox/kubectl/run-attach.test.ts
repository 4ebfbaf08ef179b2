/**
 * kubectl run -it --rm on a node whose runtime cannot start containers: kubectl 1.32 never
 * attaches, deletes the pod and ends with the container's exit code 128 and its StartError
 * (recorded against the sandbox API, runbook scenario seed 1, 2026-11-25).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { kubectl } from "./fixture.ts";

test("run -it --rm: a pod that fails to start ends kubectl with its exit code and reason", async () => {
  const cluster = createCluster(scenario("runbook"), 1);
  let attached = 0;
  const result = await kubectl(
    cluster,
    "kubectl run inspect --image=registry.example.com/webapp:1.4.2 --restart=Never -it --rm --command -- sh",
    {
      attachShell: () => {
        attached++;
        return Promise.resolve(0);
      },
    },
  );
  assert.equal(attached, 0);
  assert.equal(result.stdout, 'pod "inspect" deleted\n');
  assert.equal(
    result.stderr,
    "pod default/inspect terminated (StartError)\nfailed to create containerd task: failed to create shim task: context deadline exceeded: unknown\n",
  );
  assert.equal(result.exitCode, 128);
  assert.equal(cluster.store.get("pods", "default", "inspect"), undefined);
});
