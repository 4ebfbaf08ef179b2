/**
 * Server-side apply through the API facade: PATCH application/apply-patch+yaml with fieldManager
 * and force, managedFields in FieldsV1, and the API server's conflict texts
 * (apiserver fieldmanager/internal/conflict.go, structured-merge-diff's path format).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fixtureCluster, type FixtureCluster } from "./fixture.ts";
import { at, json, list, send } from "./request.ts";

const APPLY = "application/apply-patch+yaml";
const CM_URL = "/api/v1/namespaces/default/configmaps/settings";

function configMap(data: Record<string, string>, labels?: Record<string, string>) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings", ...(labels ? { labels } : {}) },
    data,
  };
}

function apply(
  cluster: FixtureCluster,
  url: string,
  manager: string,
  body: unknown,
  force = false,
) {
  return send(cluster, "PATCH", `${url}?fieldManager=${manager}${force ? "&force=true" : ""}`, {
    contentType: APPLY,
    body,
  });
}

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  fieldsType: string;
  fieldsV1: unknown;
}

function managed(cluster: FixtureCluster, url: string): Entry[] {
  return list<Entry>(json(send(cluster, "GET", url)), "metadata.managedFields");
}

test("an apply to a missing object creates it (201) and records the manager's fields as FieldsV1", () => {
  const cluster = fixtureCluster();
  const created = apply(
    cluster,
    CM_URL,
    "kubectl",
    configMap({ mode: "debug" }, { app: "webapp" }),
  );
  assert.equal(created.status, 201);
  assert.equal(at(json(created), "data.mode"), "debug");
  assert.deepEqual(managed(cluster, CM_URL), [
    {
      manager: "kubectl",
      operation: "Apply",
      apiVersion: "v1",
      time: "2026-11-24T20:20:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:data": { ".": {}, "f:mode": {} },
        "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
      },
    },
  ]);
  // The engine's store keeps its objects as they were: ownership is the API's bookkeeping.
  assert.equal(
    cluster.store.get("configmaps", "default", "settings")?.metadata?.managedFields,
    undefined,
  );
});

test("an apply without fieldManager is the API server's Invalid PatchOptions", () => {
  const cluster = fixtureCluster();
  const response = send(cluster, "PATCH", CM_URL, { contentType: APPLY, body: configMap({}) });
  assert.equal(response.status, 422);
  assert.equal(
    at(json(response), "message"),
    'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
  );
});

test("changing a field another manager set is a 409 naming it; the same value is shared, force takes it", () => {
  const cluster = fixtureCluster();
  const created = send(
    cluster,
    "POST",
    "/api/v1/namespaces/default/configmaps?fieldManager=kubectl-client-side-apply",
    { body: configMap({ mode: "debug", level: "1" }) },
  );
  assert.equal(created.status, 201);
  const conflict = apply(cluster, CM_URL, "kubectl", configMap({ mode: "verbose" }));
  assert.equal(conflict.status, 409);
  assert.equal(at(json(conflict), "reason"), "Conflict");
  assert.equal(
    at(json(conflict), "message"),
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.mode',
  );
  const two = apply(cluster, CM_URL, "kubectl", configMap({ mode: "verbose", level: "2" }));
  assert.equal(
    at(json(two), "message"),
    'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using v1:\n- .data.level\n- .data.mode',
  );
  assert.equal(apply(cluster, CM_URL, "kubectl", configMap({ mode: "debug" })).status, 200);

  const forced = apply(cluster, CM_URL, "kubectl", configMap({ mode: "verbose" }), true);
  assert.equal(forced.status, 200);
  assert.equal(at(json(forced), "data.mode"), "verbose");
  assert.equal(at(json(forced), "data.level"), "1");
  const owners = Object.fromEntries(
    managed(cluster, CM_URL).map((e) => [e.manager, e.fieldsV1] as const),
  );
  assert.deepEqual(owners["kubectl"], { "f:data": { ".": {}, "f:mode": {} } });
  assert.deepEqual(owners["kubectl-client-side-apply"], { "f:data": { ".": {}, "f:level": {} } });
});

test("an object nobody applied before is owned by before-first-apply, with keyed list paths", () => {
  const cluster = fixtureCluster();
  const url = "/api/v1/namespaces/default/pods/webapp-6f7d8c9b5-abcde";
  const response = apply(cluster, url, "kubectl", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "webapp-6f7d8c9b5-abcde" },
    spec: { containers: [{ name: "webapp", image: "registry.example.com/webapp:1.4.3" }] },
  });
  assert.equal(response.status, 409);
  assert.equal(
    at(json(response), "message"),
    'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .spec.containers[name="webapp"].image',
  );
});

test("an object applied client-side outside the API is owned by kubectl-client-side-apply", () => {
  const cluster = fixtureCluster();
  cluster.store.create("configmaps", {
    ...configMap({ mode: "debug" }),
    metadata: {
      name: "settings",
      namespace: "default",
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" },
    },
  });
  const response = apply(cluster, CM_URL, "kubectl", configMap({ mode: "verbose" }));
  assert.equal(
    at(json(response), "message"),
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.mode',
  );
});

test("a field the manager stops applying is removed, unless another manager owns it", () => {
  const cluster = fixtureCluster();
  apply(cluster, CM_URL, "kubectl", configMap({ mode: "debug", extra: "1" }, { app: "webapp" }));
  apply(cluster, CM_URL, "other", configMap({ mode: "debug" }));
  const next = apply(cluster, CM_URL, "kubectl", configMap({ mode: "debug" }));
  assert.equal(next.status, 200);
  assert.deepEqual(at(json(next), "data"), { mode: "debug" });
  assert.equal(at(json(next), "metadata.labels"), undefined);
  const last = apply(cluster, CM_URL, "kubectl", configMap({}));
  // "other" still applies data.mode, so it stays.
  assert.deepEqual(at(json(last), "data"), { mode: "debug" });
});

test("a write that sends managedFields (kubectl's client-side-apply migration) sets the ownership", () => {
  const cluster = fixtureCluster();
  send(cluster, "POST", "/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create", {
    body: configMap({ mode: "debug" }),
  });
  const entries = managed(cluster, CM_URL);
  assert.deepEqual(
    entries.map((e) => [e.manager, e.operation]),
    [["kubectl-create", "Update"]],
  );
  const replaced = [{ ...entries[0], manager: "kubectl", operation: "Apply" }];
  const patch = send(cluster, "PATCH", CM_URL, {
    contentType: "application/json-patch+json",
    body: [
      { op: "test", path: "/metadata/managedFields", value: entries },
      { op: "replace", path: "/metadata/managedFields", value: replaced },
    ],
  });
  assert.equal(patch.status, 200, patch.body);
  assert.deepEqual(
    managed(cluster, CM_URL).map((e) => [e.manager, e.operation]),
    [["kubectl", "Apply"]],
  );
  assert.equal(apply(cluster, CM_URL, "kubectl", configMap({ mode: "verbose" })).status, 200);
});
