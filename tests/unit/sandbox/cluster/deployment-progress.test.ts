/**
 * The deployment controller's Progressing condition as kube-controller-manager writes it
 * (pkg/controller/deployment/progress.go, util/deployment_util.go) and `kubectl rollout status`
 * reading it (polymorphichelpers/rollout_status.go): reasons, messages, condition order
 * (SetDeploymentCondition moves the condition it sets to the end) and the progress deadline,
 * checked one second after lastUpdateTime + progressDeadlineSeconds.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment, DeploymentCondition } from "kubernetes-types/apps/v1.d.ts";
import type { ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import { deploymentConditions } from "../../../../src/sandbox/cluster/deployment-progress.ts";
import type { Cluster } from "../../../../src/sandbox/cluster/cluster.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { kubectl } from "../kubectl/fixture.ts";

function webapp(cluster: Cluster): { conditions: DeploymentCondition[]; replicaSet: string } {
  const d = cluster.store.get<Deployment>("deployments", "default", "webapp");
  const rs = cluster.store
    .list<ReplicaSet>("replicasets", { namespace: "default" })
    .find((r) => r.metadata?.ownerReferences?.some((o) => o.uid === d?.metadata?.uid));
  return { conditions: d?.status?.conditions ?? [], replicaSet: rs?.metadata?.name ?? "" };
}

function summary(conditions: readonly DeploymentCondition[]): string[][] {
  return conditions.map((c) => [c.type, c.status, c.reason ?? "", c.message ?? ""]);
}

test("a rollout that becomes available ends Available=True, then Progressing=True NewReplicaSetAvailable", () => {
  const spec = scenario("runbook");
  spec.faults = [];
  const cluster = createCluster(spec, 21);
  const { conditions, replicaSet } = webapp(cluster);
  assert.deepEqual(summary(conditions), [
    ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
    [
      "Progressing",
      "True",
      "NewReplicaSetAvailable",
      `ReplicaSet "${replicaSet}" has successfully progressed.`,
    ],
  ]);
});

test("a crash-looping rollout is ReplicaSetUpdated, then ProgressDeadlineExceeded one second after the deadline", () => {
  const cluster = createCluster(scenario("runbook"), 21);
  const { conditions, replicaSet } = webapp(cluster);
  assert.deepEqual(summary(conditions), [
    [
      "Available",
      "False",
      "MinimumReplicasUnavailable",
      "Deployment does not have minimum availability.",
    ],
    ["Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${replicaSet}" is progressing.`],
  ]);
  const lastUpdate = Date.parse(conditions[1]?.lastUpdateTime ?? "");
  // DeploymentTimedOut: lastUpdateTime + 600 s must be before now; the requeue adds a second.
  cluster.advance(lastUpdate + 600_000 - cluster.clock.now());
  assert.equal(webapp(cluster).conditions[1]?.reason, "ReplicaSetUpdated");
  cluster.advance(1_000);
  const after = webapp(cluster).conditions;
  assert.deepEqual(summary(after), [
    [
      "Available",
      "False",
      "MinimumReplicasUnavailable",
      "Deployment does not have minimum availability.",
    ],
    [
      "Progressing",
      "False",
      "ProgressDeadlineExceeded",
      `ReplicaSet "${replicaSet}" has timed out progressing.`,
    ],
  ]);
  assert.equal(
    after[1]?.lastTransitionTime,
    new Date(lastUpdate + 601_000).toISOString().replace(".000Z", "Z"),
  );
});

test("kubectl rollout status ends on the condition with kubectl's error", async () => {
  const cluster = createCluster(scenario("runbook"), 21);
  const status = cluster.store.get<Deployment>("deployments", "default", "webapp")?.status;
  const available = String(status?.availableReplicas ?? 0);
  const updated = String(status?.updatedReplicas ?? 0);
  const result = await kubectl(cluster, "kubectl rollout status deployment/webapp", {
    signal: new AbortController().signal,
  });
  assert.deepEqual(
    [result.stdout, result.stderr, result.exitCode],
    [
      `Waiting for deployment "webapp" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
      'error: deployment "webapp" exceeded its progress deadline\n',
      1,
    ],
  );
  assert.equal(webapp(cluster).conditions[1]?.reason, "ProgressDeadlineExceeded");
});

test("a new replica set is NewReplicaSetCreated; one found without a condition is FoundNewReplicaSet", () => {
  const base = {
    counts: { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 },
    desired: 2,
    deadlineSeconds: 600,
    newReplicaSet: "web-abc",
    available: false,
    nowMs: Date.parse("2026-11-24T20:00:00Z"),
    now: "2026-11-24T20:00:00Z",
  };
  const created = deploymentConditions({ ...base, previous: undefined, created: true });
  assert.deepEqual(summary(created), [
    ["Progressing", "True", "NewReplicaSetCreated", 'Created new replica set "web-abc"'],
    [
      "Available",
      "False",
      "MinimumReplicasUnavailable",
      "Deployment does not have minimum availability.",
    ],
  ]);
  const found = deploymentConditions({ ...base, previous: {}, created: false });
  assert.deepEqual(summary(found)[0], [
    "Progressing",
    "True",
    "FoundNewReplicaSet",
    'Found new replica set "web-abc"',
  ]);
  const noDeadline = deploymentConditions({
    ...base,
    deadlineSeconds: undefined,
    previous: { conditions: created },
    created: false,
  });
  assert.deepEqual(
    noDeadline.map((c) => c.type),
    ["Available"],
  );
});
