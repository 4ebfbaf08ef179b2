/**
 * The built-in `kubectl apply --server-side`: the lines and errors the real kubectl 1.32 printed
 * against a kube-apiserver for the same manifests (npm run conformance -- server-side), and the
 * flag checks kubectl makes before sending anything.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { withManagedFields } from "../../../../src/sandbox/cluster/server-side-apply.ts";
import { FixtureCluster, kubectl } from "./fixture.ts";

const FILES: Record<string, string> = {
  "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n",
  "cm-verbose.yaml":
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: verbose\n",
};

function run(cluster: FixtureCluster, line: string) {
  return kubectl(cluster, line, {
    readFile: (path: string) => {
      const text = FILES[path];
      if (text === undefined) throw new Error("no such file");
      return Promise.resolve(text);
    },
  });
}

const CONFLICT = `error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.mode
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

test("apply --server-side creates and re-applies with serverside-applied, owned by the kubectl manager", async () => {
  const cluster = new FixtureCluster();
  const created = await run(cluster, "kubectl apply --server-side -f cm.yaml");
  assert.deepEqual(
    [created.stdout, created.stderr, created.exitCode],
    ["configmap/settings serverside-applied\n", "", 0],
  );
  const again = await run(cluster, "kubectl apply --server-side -f cm.yaml");
  assert.equal(again.stdout, "configmap/settings serverside-applied\n");
  const live = cluster.store.get("configmaps", "default", "settings");
  assert.ok(live);
  assert.equal(live.metadata?.annotations, undefined, "no last-applied annotation");
  const fields = withManagedFields(cluster.store, live).metadata?.managedFields ?? [];
  assert.deepEqual(
    fields.map((f) => [f.manager, f.operation]),
    [["kubectl", "Apply"]],
  );
});

test("a field set by client-side apply conflicts; --force-conflicts takes it", async () => {
  const cluster = new FixtureCluster();
  await run(cluster, "kubectl apply -f cm.yaml");
  const refused = await run(cluster, "kubectl apply --server-side -f cm-verbose.yaml");
  assert.deepEqual([refused.stdout, refused.stderr, refused.exitCode], ["", CONFLICT, 1]);
  const forced = await run(
    cluster,
    "kubectl apply --server-side --force-conflicts -f cm-verbose.yaml",
  );
  assert.deepEqual(
    [forced.stdout, forced.exitCode],
    ["configmap/settings serverside-applied\n", 0],
  );
  const live = cluster.store.get("configmaps", "default", "settings") as {
    data?: Record<string, string>;
  };
  assert.deepEqual(live.data, { mode: "verbose" });
});

test("--dry-run=server reports without storing", async () => {
  const cluster = new FixtureCluster();
  const result = await run(cluster, "kubectl apply --server-side --dry-run=server -f cm.yaml");
  assert.equal(result.stdout, "configmap/settings serverside-applied (server dry run)\n");
  assert.equal(cluster.store.get("configmaps", "default", "settings"), undefined);
});

test("flag combinations kubectl refuses before sending anything", async () => {
  const cluster = new FixtureCluster();
  const cases: [string, string][] = [
    ["--force-conflicts", "error: --force-conflicts only works with --server-side\n"],
    [
      "--server-side --dry-run=client",
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n",
    ],
    ["--server-side --force", "error: --force cannot be used with --server-side\n"],
  ];
  for (const [flags, stderr] of cases) {
    const result = await run(cluster, `kubectl apply ${flags} -f cm.yaml`);
    assert.deepEqual([result.stdout, result.stderr, result.exitCode], ["", stderr, 1], flags);
  }
});
