/** kubectl get's printing options, on the transcripts' state (formats as kubectl v1.32 prints them). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FixtureCluster, kubectl } from "./fixture.ts";

async function out(line: string): Promise<string> {
  const result = await kubectl(new FixtureCluster(), line);
  assert.equal(result.exitCode, 0, result.stderr);
  return result.stdout;
}

test("-o name prints kind/name, with the API group for apps resources", async () => {
  assert.equal(
    await out("kubectl get pods -A -o name"),
    "pod/webapp-6f7d8c9b5-abcde\npod/kube-proxy-x7k2p\n",
  );
  assert.equal(await out("kubectl get ds -n kube-system -o name"), "daemonset.apps/kube-proxy\n");
});

test("-A adds NAMESPACE first; --no-headers drops the header", async () => {
  assert.equal(
    await out("kubectl get pods -A --no-headers"),
    "default       webapp-6f7d8c9b5-abcde   0/1   CrashLoopBackOff   6 (76s ago)   10m\nkube-system   kube-proxy-x7k2p         1/1   Running            0             3d\n",
  );
});

test("--show-labels adds LABELS; -L adds a column per label key", async () => {
  assert.equal(
    await out("kubectl get pods --show-labels"),
    "NAME                     READY   STATUS             RESTARTS      AGE   LABELS\nwebapp-6f7d8c9b5-abcde   0/1     CrashLoopBackOff   6 (76s ago)   10m   app=webapp,pod-template-hash=6f7d8c9b5\n",
  );
  assert.equal(
    await out("kubectl get pods -L app"),
    "NAME                     READY   STATUS             RESTARTS      AGE   APP\nwebapp-6f7d8c9b5-abcde   0/1     CrashLoopBackOff   6 (76s ago)   10m   webapp\n",
  );
});

test("-l and --field-selector filter; --sort-by orders", async () => {
  assert.equal(
    await out("kubectl get pods -A -l k8s-app=kube-proxy -o name"),
    "pod/kube-proxy-x7k2p\n",
  );
  assert.equal(
    await out("kubectl get pods -A --field-selector spec.nodeName=node-2 -o name"),
    "pod/webapp-6f7d8c9b5-abcde\npod/kube-proxy-x7k2p\n",
  );
  assert.equal(
    await out("kubectl get pods -A --sort-by=.metadata.name -o name"),
    "pod/kube-proxy-x7k2p\npod/webapp-6f7d8c9b5-abcde\n",
  );
  assert.equal(
    await out("kubectl get pods -A --sort-by=.status.containerStatuses[0].restartCount -o name"),
    "pod/kube-proxy-x7k2p\npod/webapp-6f7d8c9b5-abcde\n",
  );
});

test("several types print one table each, names prefixed with their kind", async () => {
  assert.equal(
    await out("kubectl get rs,pods"),
    "NAME                               DESIRED   CURRENT   READY   AGE\nreplicaset.apps/webapp-6f7d8c9b5   1         1         0       10m\n\nNAME                         READY   STATUS             RESTARTS      AGE\npod/webapp-6f7d8c9b5-abcde   0/1     CrashLoopBackOff   6 (76s ago)   10m\n",
  );
});

test("-o json is Go's indented JSON with sorted keys; a list is a v1 List", async () => {
  const text = await out("kubectl get ns default -o json");
  assert.equal(
    text,
    '{\n    "apiVersion": "v1",\n    "kind": "Namespace",\n    "metadata": {\n        "creationTimestamp": "2026-11-21T20:31:17Z",\n        "name": "default",\n        "resourceVersion": "1001",\n        "uid": ' +
      JSON.stringify((JSON.parse(text) as { metadata: { uid: string } }).metadata.uid) +
      '\n    },\n    "status": {\n        "phase": "Active"\n    }\n}\n',
  );
  const list = JSON.parse(await out("kubectl get ns -o json")) as {
    kind: string;
    items: unknown[];
    metadata: unknown;
  };
  assert.equal(list.kind, "List");
  assert.equal(list.items.length, 2);
  assert.deepEqual(list.metadata, { resourceVersion: "" });
});
