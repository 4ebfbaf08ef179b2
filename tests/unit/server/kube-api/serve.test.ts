import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { WebSocket } from "ws";
import { startKubeApi } from "../../../../src/server/kube-api/serve.ts";
import type { ExecRunner } from "../../../../src/server/kube-api/streams.ts";
import { fixtureCluster } from "../../sandbox/kube-api/fixture.ts";

const KUBECTL = process.env["KUBECTL"] ?? "/usr/bin/kubectl";

test("the kubeconfig points at 127.0.0.1 and carries the bearer token, which the API then requires", async () => {
  const api = await startKubeApi(fixtureCluster(), { tickMs: 0, token: "s3cret" });
  try {
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const config = readFileSync(api.kubeconfigPath, "utf8");
    assert.ok(config.includes(`server: ${api.url}`));
    assert.ok(config.includes("token: s3cret"));
    assert.equal(statSync(api.kubeconfigPath).mode & 0o777, 0o600);
    const anonymous = await fetch(`${api.url}/api/v1/namespaces/default/pods`);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { reason: string }).reason, "Unauthorized");
    const allowed = await fetch(`${api.url}/api/v1/namespaces/default/pods`, {
      headers: { authorization: "Bearer s3cret" },
    });
    assert.equal(allowed.status, 200);
  } finally {
    await api.close();
  }
});

test("a watch is a chunked stream that stays open and carries later events", async () => {
  const cluster = fixtureCluster();
  const api = await startKubeApi(cluster, { tickMs: 0 });
  try {
    const version = cluster.store.resourceVersion();
    const response = await fetch(
      `${api.url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${version}`,
    );
    assert.equal(response.headers.get("transfer-encoding"), "chunked");
    const reader = response.body?.getReader();
    cluster.store.create("pods", { metadata: { name: "late", namespace: "default" } });
    const chunk = await reader?.read();
    const event = JSON.parse(new TextDecoder().decode(chunk?.value)) as {
      type: string;
      object: { metadata: { name: string } };
    };
    assert.deepEqual([event.type, event.object.metadata.name], ["ADDED", "late"]);
    await reader?.cancel();
  } finally {
    await api.close();
  }
});

function execFrames(url: string): Promise<{ channel: number; text: string }[]> {
  return new Promise((resolve, reject) => {
    const frames: { channel: number; text: string }[] = [];
    const ws = new WebSocket(
      `${url.replace("http", "ws")}/api/v1/namespaces/default/pods/webapp-6f7d8c9b5-abcde/exec?command=sh&command=-c&command=exit+3&stdout=true`,
      ["v5.channel.k8s.io"],
    );
    ws.on("message", (data: Buffer) =>
      frames.push({ channel: data[0] ?? -1, text: data.subarray(1).toString() }),
    );
    ws.on("close", () => resolve(frames));
    ws.on("error", reject);
  });
}

const runner: ExecRunner = (request, io) => {
  io.stdout(`ran ${request.command.join(" ")} in ${request.container}\n`);
  return Promise.resolve(3);
};

test("WebSocket exec: stdout on channel 1, then the NonZeroExitCode Status on channel 3", async () => {
  const api = await startKubeApi(fixtureCluster(), { tickMs: 0, exec: runner });
  try {
    const frames = await execFrames(api.url);
    assert.deepEqual(frames[0], { channel: 1, text: "ran sh -c exit 3 in webapp\n" });
    assert.equal(frames[1]?.channel, 3);
    const status = JSON.parse(frames[1].text) as {
      reason: string;
      details: { causes: { message: string }[] };
    };
    assert.equal(status.reason, "NonZeroExitCode");
    assert.equal(status.details.causes[0]?.message, "3");
  } finally {
    await api.close();
  }
});

for (const tls of [false, true]) {
  test(
    `the real kubectl reads pods and runs exec through the API${tls ? " over HTTPS, verifying the kubeconfig's CA" : ""}`,
    { skip: !existsSync(KUBECTL) && `no kubectl at ${KUBECTL}` },
    async () => {
      const api = await startKubeApi(fixtureCluster(), { tickMs: 0, exec: runner, tls });
      try {
        const config = readFileSync(api.kubeconfigPath, "utf8");
        assert.equal(config.includes("certificate-authority-data:"), tls);
        assert.equal(config.includes("insecure-skip-tls-verify"), !tls);
        assert.match(api.url, tls ? /^https:/ : /^http:/);
        const home = mkdtempSync(join(tmpdir(), "kubectl-home-"));
        const env = {
          ...process.env,
          HOME: home,
          KUBECACHEDIR: join(home, "cache"),
          KUBECONFIG: api.kubeconfigPath,
        };
        const run = (
          args: string[],
        ): Promise<{ status: number | null; stdout: string; stderr: string }> =>
          // Asynchronous: a synchronous spawn would block the event loop that serves the API.
          new Promise((resolve) => {
            execFile(KUBECTL, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
              resolve({
                status: error ? (typeof error.code === "number" ? error.code : 1) : 0,
                stdout,
                stderr,
              });
            });
          });
        const pods = await run(["get", "pods", "-o", "name"]);
        assert.equal(pods.stdout, "pod/webapp-6f7d8c9b5-abcde\n");
        writeFileSync(
          join(home, "cm.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: debug\n",
        );
        const created = await run(["create", "-f", join(home, "cm.yaml")]);
        assert.deepEqual([created.stdout, created.stderr], ["configmap/settings created\n", ""]);
        const exec = await run(["exec", "webapp-6f7d8c9b5-abcde", "--", "sh", "-c", "exit 3"]);
        assert.equal(exec.stdout, "ran sh -c exit 3 in webapp\n");
        assert.equal(exec.stderr, "command terminated with exit code 3\n");
        assert.equal(exec.status, 3);
      } finally {
        await api.close();
      }
    },
  );
}

test("a watch allowing bookmarks gets a BOOKMARK 2 s before its timeoutSeconds, then ends", async () => {
  const cluster = fixtureCluster();
  const api = await startKubeApi(cluster, { tickMs: 0 });
  try {
    const started = Date.now();
    const response = await fetch(
      `${api.url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${cluster.store.resourceVersion()}&allowWatchBookmarks=true&timeoutSeconds=3`,
    );
    const lines = (await response.text()).split("\n").filter(Boolean);
    const elapsed = Date.now() - started;
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { type: string }).type),
      ["BOOKMARK"],
    );
    assert.ok(elapsed >= 2900 && elapsed < 4500, `ended after ${String(elapsed)} ms`);
  } finally {
    await api.close();
  }
});
