import assert from "node:assert/strict";
import { test } from "node:test";
import type { KubeObject } from "../../../../src/sandbox/cluster/store.ts";
import { rfc3339Nano } from "../../../../src/sandbox/kube-api/logs.ts";
import { handleKubeRequest } from "../../../../src/sandbox/kube-api/index.ts";
import { build, pods } from "../faults/fixture.ts";
import { fixtureCluster, nameTable, START_MS } from "./fixture.ts";
import { at, json, request, send } from "./request.ts";

const LOG = "/api/v1/namespaces/kube-system/pods/kube-proxy-x7k2p/log";

test("pods/log returns the container's lines as text/plain", () => {
  const response = send(fixtureCluster(), "GET", `${LOG}?container=kube-proxy`);
  assert.equal(response.status, 200);
  assert.equal(response.headers["content-type"], "text/plain");
  assert.equal(
    response.body,
    "I1124 20:19:00.000000       1 server.go:484] Version: v1.32.0\nI1124 20:19:29.500000       1 proxier.go:300] Syncing iptables rules\n",
  );
});

test("tailLines, sinceSeconds and timestamps (Go's RFC3339Nano, trailing zeros dropped)", () => {
  const cluster = fixtureCluster();
  assert.equal(
    send(cluster, "GET", `${LOG}?container=kube-proxy&tailLines=1`).body,
    "I1124 20:19:29.500000       1 proxier.go:300] Syncing iptables rules\n",
  );
  assert.equal(
    send(cluster, "GET", `${LOG}?container=kube-proxy&sinceSeconds=40`).body?.split("\n").length,
    2,
  );
  assert.equal(
    send(cluster, "GET", `${LOG}?container=kube-proxy&timestamps=true&tailLines=1`).body?.slice(
      0,
      25,
    ),
    "2026-11-24T20:19:29.5Z I1",
  );
  assert.equal(rfc3339Nano(START_MS), "2026-11-24T20:20:00Z");
});

test("the API server's and kubelet's 400 answers (raised by the cluster) become BadRequest Status objects", () => {
  const cluster = fixtureCluster();
  const failing = {
    ...cluster,
    podLogs(): never {
      throw Object.assign(
        new Error(
          'previous terminated container "webapp" in pod "webapp-6f7d8c9b5-abcde" not found',
        ),
        { code: 400 },
      );
    },
  };
  const response = send(
    failing,
    "GET",
    "/api/v1/namespaces/default/pods/webapp-6f7d8c9b5-abcde/log?container=webapp&previous=true",
  );
  assert.equal(response.status, 400);
  assert.equal(
    at(json(response), "message"),
    'previous terminated container "webapp" in pod "webapp-6f7d8c9b5-abcde" not found',
  );
});

test("follow streams the current lines and ends when the container stops running", () => {
  const cluster = fixtureCluster();
  const response = send(cluster, "GET", `${LOG}?container=kube-proxy&follow=true`);
  const chunks: string[] = [];
  let ended = false;
  response.stream?.start(
    (chunk) => chunks.push(chunk),
    () => {
      ended = true;
    },
  );
  assert.equal(chunks.join("").split("\n").length, 3);
  cluster.logs
    .get("kube-system/kube-proxy-x7k2p/kube-proxy")
    ?.push({ timeMs: START_MS, text: "shutting down" });
  cluster.store.mutate<KubeObject & { status?: unknown }>(
    "pods",
    "kube-system",
    "kube-proxy-x7k2p",
    (pod) => {
      pod.status = {
        phase: "Succeeded",
        containerStatuses: [
          {
            name: "kube-proxy",
            state: { terminated: { exitCode: 0, containerID: "containerd://0a1b2c" } },
          },
        ],
      };
    },
  );
  assert.equal(chunks.at(-1), "shutting down\n");
  assert.equal(ended, true);
});

test("a crash-looping init container's log is its last run's, without previous (validateContainerLogStatus)", () => {
  const cluster = build(
    [
      {
        type: "git-init-container",
        repository: "https://github.com/acme/site-content.git",
        error: "authentication",
      },
    ],
    2,
  );
  const name = pods(cluster, "app=docs-site")[0]?.metadata?.name ?? "";
  const url = `/api/v1/namespaces/default/pods/${name}/log`;
  const get = (query: string) =>
    handleKubeRequest(cluster, request("GET", `${url}?${query}`), { toTable: nameTable });
  const current = get("container=git-clone");
  assert.equal(current.status, 200);
  assert.equal(
    current.body,
    "Cloning into '/workspace'...\nfatal: could not read Username for 'https://github.com': No such device or address\n",
  );
  assert.equal(get("container=git-clone&previous=true").body, current.body);
  const app = get("container=web");
  assert.equal(app.status, 400);
  assert.equal(
    at(json(app), "message"),
    `container "web" in pod "${name}" is waiting to start: PodInitializing`,
  );
});
