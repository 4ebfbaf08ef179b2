import assert from "node:assert/strict";
import { test } from "node:test";
import type { KubeObject } from "../../../../src/sandbox/cluster/store.ts";
import { fixtureCluster } from "./fixture.ts";
import { at, json, list, send, TABLE_ACCEPT } from "./request.ts";

const AGGREGATED =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

test("/version reports v1.32 so the kubectl dispatcher runs kubectl 1.32", () => {
  const body = json(send(fixtureCluster(), "GET", "/version?timeout=5s"));
  assert.equal(at(body, "major"), "1");
  assert.equal(at(body, "minor"), "32");
  assert.match(String(at(body, "gitVersion")), /^v1\.32\./);
});

test("aggregated discovery answers with the content type that switches kubectl into aggregated mode", () => {
  const cluster = fixtureCluster();
  const core = send(cluster, "GET", "/api?timeout=32s", { accept: AGGREGATED });
  assert.equal(
    core.headers["content-type"],
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
  );
  const pods = list<{
    resource: string;
    shortNames: string[];
    subresources: { subresource: string; responseKind: { group: string } }[];
  }>(json(core), "items.0.versions.0.resources").find((r) => r.resource === "pods");
  assert.deepEqual(pods?.shortNames, ["po"]);
  assert.ok(
    pods.subresources.some(
      (s) => s.subresource === "eviction" && s.responseKind.group === "policy",
    ),
  );
  const old = send(cluster, "GET", "/apis", {
    accept:
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
  });
  assert.equal(at(json(old), "apiVersion"), "apidiscovery.k8s.io/v2beta1");
  assert.ok(
    list<{ metadata: { name: string } }>(json(old), "items").some(
      (g) => g.metadata.name === "apps",
    ),
  );
});

test("legacy discovery: APIVersions, APIGroupList and non-empty resource lists with subresources", () => {
  const cluster = fixtureCluster();
  assert.deepEqual(at(json(send(cluster, "GET", "/api")), "versions"), ["v1"]);
  assert.equal(at(json(send(cluster, "GET", "/apis")), "kind"), "APIGroupList");
  const v1 = json(send(cluster, "GET", "/api/v1"));
  const eviction = list<{ name: string; group: string; version: string; kind: string }>(
    v1,
    "resources",
  ).find((r) => r.name === "pods/eviction");
  assert.deepEqual(
    { group: eviction?.group, version: eviction?.version, kind: eviction?.kind },
    { group: "policy", version: "v1", kind: "Eviction" },
  );
  for (const group of ["apps", "batch", "policy", "coordination.k8s.io"]) {
    assert.ok(list(json(send(cluster, "GET", `/apis/${group}/v1`)), "resources").length > 0, group);
  }
});

test("a missing object is a NotFound Status with the API server's message", () => {
  const response = send(fixtureCluster(), "GET", "/api/v1/namespaces/default/pods/nope");
  assert.equal(response.status, 404);
  assert.deepEqual(json(response), {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: 'pods "nope" not found',
    reason: "NotFound",
    details: { name: "nope", kind: "pods" },
    code: 404,
  });
  const deployment = json(
    send(fixtureCluster(), "GET", "/apis/apps/v1/namespaces/default/deployments/web"),
  );
  assert.equal(at(deployment, "message"), 'deployments.apps "web" not found');
});

test("lists honour namespaces, label and field selectors, and report the list's resourceVersion", () => {
  const cluster = fixtureCluster();
  const all = json(send(cluster, "GET", "/api/v1/pods?limit=500"));
  assert.equal(at(all, "kind"), "PodList");
  assert.equal(list(all, "items").length, 2);
  assert.equal(at(all, "metadata.resourceVersion"), cluster.store.resourceVersion());
  const onNode = json(
    send(
      cluster,
      "GET",
      "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-2,status.phase!%3DSucceeded&limit=500",
    ),
  );
  assert.deepEqual(
    list<{ metadata: { name: string } }>(onNode, "items").map((p) => p.metadata.name),
    ["webapp-6f7d8c9b5-abcde"],
  );
  const labelled = json(
    send(cluster, "GET", "/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-proxy"),
  );
  assert.equal(list(labelled, "items").length, 1);
  const bad = send(cluster, "GET", "/api/v1/pods?fieldSelector=foo%3Dbar");
  assert.equal(bad.status, 400);
  assert.equal(at(json(bad), "reason"), "BadRequest");
});

test("limit and continue page through a list", () => {
  const cluster = fixtureCluster();
  const first = json(send(cluster, "GET", "/api/v1/pods?limit=1"));
  assert.equal(list(first, "items").length, 1);
  assert.equal(at(first, "metadata.remainingItemCount"), 1);
  const second = json(
    send(
      cluster,
      "GET",
      `/api/v1/pods?limit=1&continue=${encodeURIComponent(String(at(first, "metadata.continue")))}`,
    ),
  );
  assert.equal(list(second, "items").length, 1);
  assert.notEqual(at(second, "items.0.metadata.name"), at(first, "items.0.metadata.name"));
  assert.equal(at(second, "metadata.continue"), undefined);
});

test("the Table Accept header gets a meta.k8s.io/v1 Table from the shared table builder", () => {
  const cluster = fixtureCluster();
  const response = send(cluster, "GET", "/api/v1/namespaces/default/pods?limit=500", {
    accept: TABLE_ACCEPT,
  });
  assert.equal(response.headers["content-type"], "application/json;as=Table;v=v1;g=meta.k8s.io");
  const table = json(response);
  assert.equal(at(table, "kind"), "Table");
  assert.deepEqual(at(table, "rows.0.cells"), ["webapp-6f7d8c9b5-abcde"]);
  assert.equal(at(table, "rows.0.object.kind"), "PartialObjectMetadata");
  assert.equal(at(table, "metadata.resourceVersion"), cluster.store.resourceVersion());
});

test("create fills server fields, rejects duplicates and unknown namespaces", () => {
  const cluster = fixtureCluster();
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "test-pod" },
    spec: { containers: [{ name: "c", image: "busybox" }] },
  };
  const created = send(
    cluster,
    "POST",
    "/api/v1/namespaces/default/pods?fieldManager=kubectl-run",
    { body: pod },
  );
  assert.equal(created.status, 201);
  assert.equal(at(json(created), "metadata.namespace"), "default");
  assert.ok(at(json(created), "metadata.uid"));
  const again = send(cluster, "POST", "/api/v1/namespaces/default/pods", { body: pod });
  assert.equal(again.status, 409);
  assert.equal(at(json(again), "message"), 'pods "test-pod" already exists');
  const elsewhere = send(cluster, "POST", "/api/v1/namespaces/nowhere/pods", { body: pod });
  assert.equal(at(json(elsewhere), "message"), 'namespaces "nowhere" not found');
});

test("cordon's strategic merge patch sets and removes spec.unschedulable", () => {
  const cluster = fixtureCluster();
  const type = "application/strategic-merge-patch+json";
  send(cluster, "PATCH", "/api/v1/nodes/node-2", {
    contentType: type,
    body: { spec: { unschedulable: true } },
  });
  assert.equal(
    (cluster.store.get("nodes", undefined, "node-2") as { spec: { unschedulable?: boolean } }).spec
      .unschedulable,
    true,
  );
  send(cluster, "PATCH", "/api/v1/nodes/node-2", {
    contentType: type,
    body: { spec: { unschedulable: null } },
  });
  assert.equal(
    (cluster.store.get("nodes", undefined, "node-2") as { spec: { unschedulable?: boolean } }).spec
      .unschedulable,
    undefined,
  );
  const unknown = send(cluster, "PATCH", "/api/v1/nodes/node-2", {
    contentType: "text/plain",
    body: {},
  });
  assert.equal(unknown.status, 415);
});

test("deleting a pod on a node is graceful: deletionTimestamp first, the kubelet removes it", () => {
  const cluster = fixtureCluster();
  const response = send(
    cluster,
    "DELETE",
    "/api/v1/namespaces/default/pods/webapp-6f7d8c9b5-abcde",
    { body: { propagationPolicy: "Background" } },
  );
  assert.equal(response.status, 200);
  assert.ok(at(json(response), "metadata.deletionTimestamp"));
  assert.equal(at(json(response), "metadata.deletionGracePeriodSeconds"), 30);
  const immediate = send(
    cluster,
    "DELETE",
    "/api/v1/namespaces/kube-system/pods/kube-proxy-x7k2p?gracePeriodSeconds=0",
  );
  assert.equal(immediate.status, 200);
  assert.equal(cluster.store.get("pods", "kube-system", "kube-proxy-x7k2p"), undefined);
});

test("eviction answers 201 Success and starts a graceful delete", () => {
  const cluster = fixtureCluster();
  const response = send(
    cluster,
    "POST",
    "/api/v1/namespaces/default/pods/webapp-6f7d8c9b5-abcde/eviction",
    {
      body: {
        kind: "Eviction",
        apiVersion: "policy/v1",
        metadata: { name: "webapp-6f7d8c9b5-abcde", namespace: "default" },
        deleteOptions: {},
      },
    },
  );
  assert.equal(response.status, 201);
  assert.deepEqual(json(response), {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    code: 201,
  });
  assert.ok(
    cluster.store.get("pods", "default", "webapp-6f7d8c9b5-abcde")?.metadata?.deletionTimestamp,
  );
});

test("a watch from a resourceVersion streams later changes matching its field selector, as JSON lines", () => {
  const cluster = fixtureCluster();
  const listed = json(
    send(
      cluster,
      "GET",
      "/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dwebapp-6f7d8c9b5-abcde",
    ),
  );
  const response = send(
    cluster,
    "GET",
    `/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dwebapp-6f7d8c9b5-abcde&resourceVersion=${String(at(listed, "metadata.resourceVersion"))}&watch=true`,
  );
  const lines: string[] = [];
  const stop = response.stream?.start(
    (chunk) => lines.push(chunk),
    () => undefined,
  );
  cluster.store.create("pods", { metadata: { name: "other", namespace: "default" } });
  cluster.store.delete("pods", "default", "webapp-6f7d8c9b5-abcde");
  stop?.();
  assert.equal(lines.length, 1);
  assert.ok(lines[0]?.endsWith("\n"));
  const event = JSON.parse(lines[0] ?? "") as {
    type: string;
    object: { kind: string; metadata: { name: string } };
  };
  assert.equal(event.type, "DELETED");
  assert.equal(event.object.kind, "Pod");
});

test("a watch with Table accept wraps each event's object in a Table", () => {
  const cluster = fixtureCluster();
  const response = send(cluster, "GET", "/api/v1/namespaces/default/pods?watch=true", {
    accept: TABLE_ACCEPT,
  });
  const lines: string[] = [];
  const stop = response.stream?.start(
    (chunk) => lines.push(chunk),
    () => undefined,
  );
  stop?.();
  const event = JSON.parse(lines[0] ?? "") as {
    type: string;
    object: { kind: string; rows: unknown[] };
  };
  assert.equal(event.type, "ADDED");
  assert.equal(event.object.kind, "Table");
  assert.equal(event.object.rows.length, 1);
});

test("scale reads and patches a deployment's replicas through the Scale subresource", () => {
  const cluster = fixtureCluster();
  cluster.store.create("deployments", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: { replicas: 2 },
  } as never);
  const scale = json(
    send(cluster, "GET", "/apis/apps/v1/namespaces/default/deployments/web/scale"),
  );
  assert.deepEqual(
    [at(scale, "kind"), at(scale, "apiVersion"), at(scale, "spec.replicas")],
    ["Scale", "autoscaling/v1", 2],
  );
  send(cluster, "PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", {
    contentType: "application/merge-patch+json",
    body: { spec: { replicas: 3 } },
  });
  assert.equal(
    (cluster.store.get("deployments", "default", "web") as { spec: { replicas: number } }).spec
      .replicas,
    3,
  );
});

test("exec and attach without an upgrade are refused as the API server refuses them", () => {
  const response = send(
    fixtureCluster(),
    "GET",
    "/api/v1/namespaces/default/pods/webapp-6f7d8c9b5-abcde/exec?command=sh",
  );
  assert.equal(response.status, 400);
  assert.equal(at(json(response), "message"), "Upgrade request required");
});

test("OpenAPI v3: an index per group-version and per-path kinds, enough for kubectl create/apply -f", () => {
  const cluster = fixtureCluster();
  const index = json(send(cluster, "GET", "/openapi/v3"));
  const url = String(at(index, "paths.api/v1.serverRelativeURL"));
  assert.match(url, /^\/openapi\/v3\/api\/v1\?hash=/);
  assert.ok(at(index, "paths.apis/apps/v1"));
  const core = json(send(cluster, "GET", url));
  const configmaps = (at(core, "paths") as Record<string, { patch: Record<string, unknown> }>)[
    "/api/v1/namespaces/{namespace}/configmaps/{name}"
  ];
  assert.deepEqual(configmaps?.patch["x-kubernetes-group-version-kind"], {
    group: "",
    version: "v1",
    kind: "ConfigMap",
  });
  assert.equal(send(cluster, "GET", "/openapi/v3/apis/nope/v1").status, 404);
});

test("a watch with a field selector reports objects entering the selection as ADDED and leaving it as DELETED", () => {
  const cluster = fixtureCluster();
  const response = send(
    cluster,
    "GET",
    `/api/v1/pods?fieldSelector=status.phase%3DRunning&resourceVersion=${cluster.store.resourceVersion()}&watch=true`,
  );
  const events: string[] = [];
  const stop = response.stream?.start(
    (chunk) => {
      const event = JSON.parse(chunk) as { type: string; object: { metadata: { name: string } } };
      events.push(`${event.type} ${event.object.metadata.name}`);
    },
    () => undefined,
  );
  const setPhase = (phase: string): void => {
    cluster.store.mutate<KubeObject & { status?: { phase?: string } }>(
      "pods",
      "kube-system",
      "kube-proxy-x7k2p",
      (pod) => {
        pod.status = { ...pod.status, phase };
      },
    );
  };
  setPhase("Failed");
  setPhase("Failed");
  setPhase("Running");
  stop?.();
  assert.deepEqual(events, ["DELETED kube-proxy-x7k2p", "ADDED kube-proxy-x7k2p"]);
});
