/**
 * Background cascading deletion: `kubectl delete deployment` removes the ReplicaSet and its pods,
 * so the same Deployment can be created again (it failed with "already exists" before).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session } from "../shell/helpers.ts";

test("deleting a deployment removes its replica sets and pods, and it can be created again", async () => {
  const terminal = session();
  assert.equal(
    (await terminal.runLine("kubectl delete deployment webapp")).output,
    'deployment.apps "webapp" deleted\n',
  );
  await terminal.runLine("sleep 60");
  assert.equal(
    (await terminal.runLine("kubectl get replicasets,pods -l app=webapp")).output,
    "No resources found in default namespace.\n",
  );
  const created = await terminal.runLine(
    "kubectl create deployment webapp --image=nginx:1.27 --replicas=2",
  );
  assert.equal(created.output, "deployment.apps/webapp created\n");
  await terminal.runLine("sleep 30");
  // One replica per worker; the runbook's broken worker cannot start its replica.
  assert.match(
    (await terminal.runLine("kubectl get pods -l app=webapp --no-headers")).output,
    /^webapp-\S+\s+1\/1\s+Running\s/m,
  );
});
