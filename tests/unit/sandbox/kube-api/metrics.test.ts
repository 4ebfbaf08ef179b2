/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it (kubernetes-sigs/metrics-server pkg/api):
 * discovery, lists filtered by the underlying objects' labels, and the two NotFound texts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  handleKubeRequest,
  type MetricsObject,
  type MetricsSource,
} from "../../../../src/sandbox/kube-api/index.ts";
import { fixtureCluster, type FixtureCluster } from "./fixture.ts";
import { at, json, list, request } from "./request.ts";

const AGGREGATED =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

function nodeMetrics(name: string): MetricsObject {
  return {
    kind: "NodeMetrics",
    apiVersion: "metrics.k8s.io/v1beta1",
    metadata: {
      name,
      creationTimestamp: "2026-11-24T20:30:00Z",
      labels: { "kubernetes.io/hostname": name },
    },
    timestamp: "2026-11-24T20:29:51Z",
    window: "20.05s",
    usage: { cpu: "123456789n", memory: "123456Ki" },
  };
}

/** Metrics for node-1 and the webapp pod only: node-2 and kube-proxy are not scraped yet. */
const SOURCE: MetricsSource = {
  available: () => true,
  nodeMetrics: () => [nodeMetrics("node-1")],
  podMetrics: (namespace) =>
    namespace === undefined || namespace === "default"
      ? [
          {
            kind: "PodMetrics",
            apiVersion: "metrics.k8s.io/v1beta1",
            metadata: {
              name: "webapp-6f7d8c9b5-abcde",
              namespace: "default",
              creationTimestamp: "2026-11-24T20:30:00Z",
              labels: { app: "webapp" },
            },
            timestamp: "2026-11-24T20:29:51Z",
            window: "15.004s",
            containers: [{ name: "webapp", usage: { cpu: "1000000n", memory: "2048Ki" } }],
          },
        ]
      : [],
};

function get(cluster: FixtureCluster, url: string, accept = "application/json", source = SOURCE) {
  return handleKubeRequest(cluster, request("GET", url, { accept }), {
    toTable: () => {
      throw new Error("metrics are not printed through the resource tables");
    },
    metrics: source,
  });
}

test("with a metrics-server, /apis lists metrics.k8s.io v1beta1 last, aggregated and legacy", () => {
  const cluster = fixtureCluster();
  const aggregated = list<{
    metadata: { name: string };
    versions: {
      version: string;
      resources: { resource: string; scope: string; verbs: string[]; singularResource: string }[];
    }[];
  }>(json(get(cluster, "/apis", AGGREGATED)), "items");
  const group = aggregated.at(-1);
  assert.equal(group?.metadata.name, "metrics.k8s.io");
  assert.equal(group.versions[0]?.version, "v1beta1");
  assert.deepEqual(
    group.versions[0].resources.map((r) => [
      r.resource,
      r.scope,
      r.verbs.join(","),
      r.singularResource,
    ]),
    [
      ["nodes", "Cluster", "get,list", ""],
      ["pods", "Namespaced", "get,list", ""],
    ],
  );
  const legacy = list<{ name: string; preferredVersion: { groupVersion: string } }>(
    json(get(cluster, "/apis")),
    "groups",
  );
  assert.deepEqual(legacy.at(-1), {
    name: "metrics.k8s.io",
    versions: [{ groupVersion: "metrics.k8s.io/v1beta1", version: "v1beta1" }],
    preferredVersion: { groupVersion: "metrics.k8s.io/v1beta1", version: "v1beta1" },
  });
  // The APIResourceList `kubectl get --raw /apis/metrics.k8s.io/v1beta1` shows on a real cluster.
  assert.deepEqual(json(get(cluster, "/apis/metrics.k8s.io/v1beta1")), {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: "metrics.k8s.io/v1beta1",
    resources: [
      {
        name: "nodes",
        singularName: "",
        namespaced: false,
        kind: "NodeMetrics",
        verbs: ["get", "list"],
      },
      {
        name: "pods",
        singularName: "",
        namespaced: true,
        kind: "PodMetrics",
        verbs: ["get", "list"],
      },
    ],
  });
});

test("without a metrics-server there is no metrics.k8s.io group (kubectl top: Metrics API not available)", () => {
  const cluster = fixtureCluster();
  const response = handleKubeRequest(cluster, request("GET", "/apis"), {
    toTable: () => {
      throw new Error("unused");
    },
  });
  const names = list<{ name: string }>(json(response), "groups").map((g) => g.name);
  assert.ok(!names.includes("metrics.k8s.io"));
  const raw = handleKubeRequest(cluster, request("GET", "/apis/metrics.k8s.io/v1beta1/nodes"), {
    toTable: () => {
      throw new Error("unused");
    },
  });
  assert.equal(raw.status, 404);
});

test("lists: NodeMetricsList / PodMetricsList, items without kind, selected by the objects' labels", () => {
  const cluster = fixtureCluster();
  const nodes = json(get(cluster, "/apis/metrics.k8s.io/v1beta1/nodes"));
  assert.equal(at(nodes, "kind"), "NodeMetricsList");
  assert.equal(at(nodes, "apiVersion"), "metrics.k8s.io/v1beta1");
  assert.deepEqual(at(nodes, "metadata"), {});
  assert.deepEqual(
    list<{ metadata: { name: string } }>(nodes, "items").map((i) => i.metadata.name),
    ["node-1"],
  );
  assert.equal(at(nodes, "items.0.kind"), undefined);
  assert.equal(at(nodes, "items.0.usage.memory"), "123456Ki");

  const all = json(get(cluster, "/apis/metrics.k8s.io/v1beta1/pods"));
  assert.equal(at(all, "kind"), "PodMetricsList");
  assert.equal(list(all, "items").length, 1);
  const selected = json(
    get(cluster, "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dwebapp"),
  );
  assert.equal(at(selected, "items.0.containers.0.usage.cpu"), "1000000n");
  const none = json(
    get(cluster, "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dother"),
  );
  assert.deepEqual(at(none, "items"), []);
  const byName = json(
    get(cluster, "/apis/metrics.k8s.io/v1beta1/nodes?fieldSelector=metadata.name%3Dnode-2"),
  );
  assert.deepEqual(at(byName, "items"), []);
  const other = json(get(cluster, "/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods"));
  assert.deepEqual(at(other, "items"), []);
});

test("get: one object with kind, and metrics-server's NotFound texts", () => {
  const cluster = fixtureCluster();
  const node = get(cluster, "/apis/metrics.k8s.io/v1beta1/nodes/node-1");
  assert.equal(node.status, 200);
  assert.equal(at(json(node), "kind"), "NodeMetrics");
  assert.equal(at(json(node), "window"), "20.05s");
  const pod = json(
    get(cluster, "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/webapp-6f7d8c9b5-abcde"),
  );
  assert.equal(at(pod, "kind"), "PodMetrics");

  const notScraped = get(
    cluster,
    "/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods/kube-proxy-x7k2p",
  );
  assert.equal(notScraped.status, 404);
  assert.equal(
    at(json(notScraped), "message"),
    'podmetrics.metrics.k8s.io "kube-system/kube-proxy-x7k2p" not found',
  );
  assert.equal(
    at(json(get(cluster, "/apis/metrics.k8s.io/v1beta1/nodes/node-2")), "message"),
    'nodemetrics.metrics.k8s.io "node-2" not found',
  );
  // Objects that do not exist: the listers' own errors.
  assert.equal(
    at(json(get(cluster, "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope")), "message"),
    'pods "nope" not found',
  );
  assert.equal(
    at(json(get(cluster, "/apis/metrics.k8s.io/v1beta1/nodes/nope")), "message"),
    'node "nope" not found',
  );
});

test("a metrics-server that has not scraped twice: no group in discovery, 503 from its paths", () => {
  const cluster = fixtureCluster();
  const starting: MetricsSource = { ...SOURCE, available: () => false };
  const groups = list<{ metadata: { name: string } }>(
    json(get(cluster, "/apis", AGGREGATED, starting)),
    "items",
  ).map((g) => g.metadata.name);
  assert.ok(!groups.includes("metrics.k8s.io"));
  const response = get(cluster, "/apis/metrics.k8s.io/v1beta1/nodes", "application/json", starting);
  assert.equal(response.status, 503);
  assert.equal(at(json(response), "reason"), "ServiceUnavailable");
  assert.equal(
    at(json(response), "message"),
    "the server is currently unable to handle the request",
  );
});

test("metrics are read-only: writes are not allowed", () => {
  const cluster = fixtureCluster();
  const response = handleKubeRequest(
    cluster,
    request("DELETE", "/apis/metrics.k8s.io/v1beta1/nodes/node-1"),
    {
      toTable: () => ({
        kind: "Table",
        apiVersion: "meta.k8s.io/v1",
        metadata: {},
        columnDefinitions: [],
        rows: [],
      }),
      metrics: SOURCE,
    },
  );
  assert.equal(response.status, 405);
});
