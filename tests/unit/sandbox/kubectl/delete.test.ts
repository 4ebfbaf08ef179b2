/**
 * kubectl delete waits as kubectl 1.32 does (reference/kubectl-api.md §3.7, transcript
 * 10-delete-pod: the line is printed right after the DELETE, then kubectl watches until the
 * DELETED event), on the cluster's virtual clock; delete.go Complete's grace-period rules.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { FixtureCluster, kubectl } from "./fixture.ts";

function runbook() {
  const cluster = createCluster(scenario("runbook"), 1);
  const healthy = cluster.store
    .list<Pod>("pods", { namespace: "default" })
    .find((p) => p.status?.containerStatuses?.[0]?.ready === true);
  assert.ok(healthy);
  return { cluster, name: healthy.metadata?.name ?? "" };
}

test("delete pod returns once the pod is gone, its replacement already created", async () => {
  const { cluster, name } = runbook();
  const before = cluster.clock.now();
  const result = await kubectl(cluster, `kubectl delete pod ${name}`);
  assert.equal(result.output, `pod "${name}" deleted\n`);
  assert.equal(result.exitCode, 0);
  assert.equal(cluster.store.get("pods", "default", name), undefined);
  assert.ok(cluster.clock.now() > before, "the wait moved the virtual clock");
  assert.equal(cluster.store.list<Pod>("pods", { namespace: "default" }).length, 4);
});

test("--wait=false leaves the pod Terminating; --now waits as the default does", async () => {
  const { cluster, name } = runbook();
  const before = cluster.clock.now();
  await kubectl(cluster, `kubectl delete pod ${name} --wait=false`);
  const terminating = cluster.store.get<Pod>("pods", "default", name);
  assert.ok(terminating?.metadata?.deletionTimestamp);
  assert.equal(cluster.clock.now(), before);
  const other = runbook();
  await kubectl(other.cluster, `kubectl delete pod ${other.name} --now`);
  assert.equal(other.cluster.store.get("pods", "default", other.name), undefined);
});

test("--grace-period=0 --force deletes at once with kubectl's warning", async () => {
  const { cluster, name } = runbook();
  const before = cluster.clock.now();
  const result = await kubectl(cluster, `kubectl delete pod ${name} --grace-period=0 --force`);
  assert.equal(
    result.output,
    `Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "${name}" force deleted\n`,
  );
  assert.equal(cluster.store.get("pods", "default", name), undefined);
  assert.equal(cluster.clock.now(), before);
});

test("--now with --grace-period is refused; a bad --timeout is pflag's usage error", async () => {
  const { cluster, name } = runbook();
  const both = await kubectl(cluster, `kubectl delete pod ${name} --now --grace-period=5`);
  assert.equal(both.output, "error: --now and --grace-period cannot be specified together\n");
  assert.equal(both.exitCode, 1);
  for (const [value, why] of [
    ["abc", 'time: invalid duration "abc"'],
    ["5", 'time: missing unit in duration "5"'],
    ["5d", 'time: unknown unit "d" in duration "5d"'],
  ] as const) {
    const bad = await kubectl(cluster, `kubectl delete pod ${name} --timeout=${value}`);
    assert.equal(
      bad.output,
      `error: invalid argument "${value}" for "--timeout" flag: ${why}\nSee 'kubectl delete --help' for usage.\n`,
    );
  }
  assert.ok(cluster.store.get("pods", "default", name));
});

/** A cluster whose pods never finish terminating (a node that never confirms). */
class StuckCluster extends FixtureCluster {
  override deletePod(namespace: string, name: string): unknown {
    return this.store.mutate<Pod>("pods", namespace, name, (pod) => {
      pod.metadata = { ...pod.metadata, deletionTimestamp: "2026-11-24T20:30:00Z" };
    });
  }
}

test("--timeout gives cmdwait's error when the pod outlives it", async () => {
  const cluster = new StuckCluster();
  const before = cluster.clock.now();
  const result = await kubectl(cluster, "kubectl delete pod webapp-6f7d8c9b5-abcde --timeout=5s");
  assert.equal(
    result.output,
    'pod "webapp-6f7d8c9b5-abcde" deleted\nerror: timed out waiting for the condition on pods/webapp-6f7d8c9b5-abcde\n',
  );
  assert.equal(result.exitCode, 1);
  assert.equal(cluster.clock.now() - before, 5000);
});

test("a pod that never goes keeps a terminal waiting until Ctrl-C; a script goes on", async () => {
  const scripted = await kubectl(new StuckCluster(), "kubectl delete pod webapp-6f7d8c9b5-abcde");
  assert.equal(scripted.exitCode, 0);
  const cluster = new StuckCluster();
  const ctrlC = new AbortController();
  let settled = false;
  const running = kubectl(cluster, "kubectl delete pod webapp-6f7d8c9b5-abcde", {
    signal: ctrlC.signal,
  }).then((result) => {
    settled = true;
    return result;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false);
  ctrlC.abort();
  const result = await running;
  assert.equal(result.output, 'pod "webapp-6f7d8c9b5-abcde" deleted\n');
});

test("the waiting ends when the pod goes while the terminal waits", async () => {
  const cluster = new StuckCluster();
  const running = kubectl(cluster, "kubectl delete pod webapp-6f7d8c9b5-abcde", {
    signal: new AbortController().signal,
  });
  await new Promise((resolve) => setImmediate(resolve));
  cluster.store.delete("pods", "default", "webapp-6f7d8c9b5-abcde");
  assert.equal((await running).exitCode, 0);
});

test("--dry-run prints its suffix and deletes nothing; a selector matching nothing says so on stdout", async () => {
  const { cluster, name } = runbook();
  const client = await kubectl(cluster, `kubectl delete pod ${name} --dry-run=client`);
  assert.equal(client.stdout, `pod "${name}" deleted (dry run)\n`);
  const server = await kubectl(cluster, `kubectl delete pod ${name} --dry-run=server`);
  assert.equal(server.stdout, `pod "${name}" deleted (server dry run)\n`);
  assert.ok(cluster.store.get("pods", "default", name));
  const none = await kubectl(cluster, "kubectl delete pods -l app=nothing");
  assert.equal(none.stdout, "No resources found\n");
  assert.equal(none.stderr, "");
});
