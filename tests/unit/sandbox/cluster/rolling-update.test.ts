/**
 * The deployment controller's rolling-update arithmetic (kubernetes pkg/controller/deployment
 * rolling.go, util/deployment_util.go) and what it does to a real rollout: a broken new image
 * stalls with the old available pods still serving; undo gives the restored ReplicaSet the next
 * revision (sync.go getNewReplicaSet); Recreate stops every old pod first.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import {
  fenceposts,
  maxUnavailable,
  newReplicaSetReplicas,
  oldReplicaSetReplicas,
} from "../../../../src/sandbox/cluster/rolling-update.ts";
import type { KubeObject } from "../../../../src/sandbox/cluster/store.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { kubectl } from "../kubectl/fixture.ts";

test("fenceposts: maxSurge rounds up, maxUnavailable down, both zero makes maxUnavailable 1", () => {
  const rolling = (maxSurge: number | string, maxUnavailable: number | string) => ({
    type: "RollingUpdate",
    rollingUpdate: { maxSurge, maxUnavailable },
  });
  assert.deepEqual(fenceposts(rolling("25%", "25%"), 4), { maxSurge: 1, maxUnavailable: 1 });
  assert.deepEqual(fenceposts(rolling("25%", "25%"), 3), { maxSurge: 1, maxUnavailable: 0 });
  assert.deepEqual(fenceposts(undefined, 10), { maxSurge: 3, maxUnavailable: 2 });
  assert.deepEqual(fenceposts(rolling(0, "10%"), 3), { maxSurge: 0, maxUnavailable: 1 });
  assert.deepEqual(fenceposts({ type: "Recreate" }, 4), { maxSurge: 0, maxUnavailable: 0 });
  assert.equal(maxUnavailable(rolling(0, 7), 4), 4);
  assert.equal(maxUnavailable(rolling(0, 1), 0), 0);
});

test("the new ReplicaSet grows within desired + maxSurge, never past desired", () => {
  assert.equal(newReplicaSetReplicas(4, 1, 0, 0), 4);
  assert.equal(newReplicaSetReplicas(4, 1, 0, 4), 1);
  assert.equal(newReplicaSetReplicas(4, 1, 1, 5), 1);
  assert.equal(newReplicaSetReplicas(4, 1, 1, 4), 2);
  assert.equal(newReplicaSetReplicas(4, 3, 3, 4), 4);
});

test("old ReplicaSets drop unhealthy pods first and keep desired - maxUnavailable available", () => {
  const newSet = { name: "new", replicas: 1, available: 0 };
  // 4 desired, maxUnavailable 1: 2 of the old 4 are unavailable; the new pod is not yet.
  assert.deepEqual(
    [...oldReplicaSetReplicas(4, 1, newSet, [{ name: "old", replicas: 4, available: 2 }])],
    [["old", 3]],
  );
  // Nothing may go while the new pods are unavailable and all are needed.
  assert.deepEqual(
    [
      ...oldReplicaSetReplicas(4, 1, { name: "new", replicas: 2, available: 0 }, [
        { name: "old", replicas: 3, available: 2 },
      ]),
    ],
    [["old", 3]],
  );
  // Healthy new pods let available old ones go, oldest ReplicaSet first, while 3 stay available.
  assert.deepEqual(
    [
      ...oldReplicaSetReplicas(4, 1, { name: "new", replicas: 2, available: 2 }, [
        { name: "v1", replicas: 1, available: 1 },
        { name: "v2", replicas: 2, available: 2 },
      ]),
    ],
    [
      ["v1", 0],
      ["v2", 1],
    ],
  );
});

function rollout() {
  const cluster = createCluster(scenario("runbook"), 1);
  const list = <T extends KubeObject>(resource: string) =>
    cluster.store.list<T>(resource, { namespace: "default" });
  const readyOld = (hash: string) =>
    list<Pod>("pods").filter(
      (p) =>
        p.metadata?.labels?.["pod-template-hash"] === hash &&
        p.metadata.deletionTimestamp === undefined &&
        p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
    ).length;
  return { cluster, list, readyOld };
}

test("a rollout to a broken image stalls with the old available pods still serving", async () => {
  const { cluster, list, readyOld } = rollout();
  const [old] = list<ReplicaSet>("replicasets");
  const oldHash = old?.metadata?.labels?.["pod-template-hash"] ?? "";
  assert.equal(readyOld(oldHash), 2);
  await kubectl(
    cluster,
    "kubectl set image deployment/webapp webapp=registry.example.com/webapp:1.4.3",
  );
  for (let second = 0; second < 300; second++) {
    cluster.advance(1000);
    const sets = list<ReplicaSet>("replicasets");
    const total = sets.reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0);
    assert.ok(total <= 5, `at most desired + maxSurge: ${String(total)}`);
    assert.ok(readyOld(oldHash) >= 2, "the available old pods keep serving");
  }
  const sizes = Object.fromEntries(
    list<ReplicaSet>("replicasets").map((rs) => [
      rs.metadata?.labels?.["pod-template-hash"] === oldHash ? "old" : "new",
      rs.spec?.replicas,
    ]),
  );
  assert.deepEqual(sizes, { new: 2, old: 3 });
  const status = cluster.store.get<Deployment>("deployments", "default", "webapp")?.status;
  assert.equal(status?.availableReplicas, 2);
  assert.equal(status.updatedReplicas, 2);
});

test("rollout undo gives the restored ReplicaSet the next revision; history lists 2 and 3", async () => {
  const { cluster, list } = rollout();
  await kubectl(
    cluster,
    "kubectl set image deployment/webapp webapp=registry.example.com/webapp:1.4.3",
  );
  cluster.advance(30_000);
  assert.equal((await kubectl(cluster, "kubectl rollout undo deployment/webapp")).exitCode, 0);
  cluster.advance(1000);
  const revisions = list<ReplicaSet>("replicasets")
    .map((rs) => [
      rs.spec?.template?.spec?.containers[0]?.image,
      rs.metadata?.annotations?.["deployment.kubernetes.io/revision"],
      rs.metadata?.annotations?.["deployment.kubernetes.io/revision-history"],
    ])
    .sort();
  assert.deepEqual(revisions, [
    ["registry.example.com/webapp:1.4.2", "3", "1"],
    ["registry.example.com/webapp:1.4.3", "2", undefined],
  ]);
  const deployment = cluster.store.get<Deployment>("deployments", "default", "webapp");
  assert.equal(deployment?.metadata?.annotations?.["deployment.kubernetes.io/revision"], "3");
  const history = await kubectl(cluster, "kubectl rollout history deployment/webapp");
  assert.equal(
    history.stdout,
    "deployment.apps/webapp \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n",
  );
});

test("Recreate: the new ReplicaSet starts only once no old pod runs", async () => {
  const { cluster, list } = rollout();
  cluster.store.mutate<Deployment>("deployments", "default", "webapp", (d) => {
    if (d.spec) d.spec.strategy = { type: "Recreate" };
  });
  await kubectl(
    cluster,
    "kubectl set image deployment/webapp webapp=registry.example.com/webapp:1.4.3",
  );
  const newSet = () =>
    list<ReplicaSet>("replicasets").find(
      (rs) => rs.spec?.template?.spec?.containers[0]?.image === "registry.example.com/webapp:1.4.3",
    );
  let sawNew = false;
  for (let second = 0; second < 120 && !sawNew; second++) {
    const oldPods = list<Pod>("pods").filter(
      (p) => p.spec?.containers[0]?.image === "registry.example.com/webapp:1.4.2",
    );
    if ((newSet()?.spec?.replicas ?? 0) > 0) {
      assert.deepEqual(oldPods, []);
      sawNew = true;
    }
    cluster.advance(1000);
  }
  assert.ok(sawNew);
  assert.equal(newSet()?.spec?.replicas, 4);
});

test("rollout status: --timeout ends with UntilWithSync's error, --watch=false prints one line", async () => {
  const { cluster } = rollout();
  await kubectl(
    cluster,
    "kubectl set image deployment/webapp webapp=registry.example.com/webapp:1.4.3",
  );
  const before = cluster.clock.now();
  const timed = await kubectl(cluster, "kubectl rollout status deployment/webapp --timeout=5s");
  assert.match(timed.stdout, /^Waiting for deployment "webapp" rollout to finish: /);
  assert.equal(timed.stderr, "error: timed out waiting for the condition\n");
  assert.equal(timed.exitCode, 1);
  assert.equal(cluster.clock.now() - before, 5000);
  const once = await kubectl(cluster, "kubectl rollout status deployment/webapp --watch=false");
  assert.equal(
    once.stdout,
    'Waiting for deployment "webapp" rollout to finish: 2 out of 4 new replicas have been updated...\n',
  );
  assert.equal(once.exitCode, 0);
  const bad = await kubectl(cluster, "kubectl rollout status deployment/webapp --timeout=5");
  assert.equal(
    bad.stderr,
    `error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee 'kubectl rollout --help' for usage.\n`,
  );
});
