import assert from "node:assert/strict";
import { test } from "node:test";
import { ADD, CoreV1Api, KubeConfig, makeInformer, Watch } from "@kubernetes/client-node";
import type { V1Pod } from "@kubernetes/client-node";
import { startKubeApi } from "../../../../src/server/kube-api/serve.ts";
import { fixtureCluster } from "../../sandbox/kube-api/fixture.ts";

async function withClient(
  run: (kc: KubeConfig, cluster: ReturnType<typeof fixtureCluster>) => Promise<void>,
  tls = false,
): Promise<void> {
  const cluster = fixtureCluster();
  const api = await startKubeApi(cluster, { tickMs: 0, token: "client-token", tls });
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(api.kubeconfigPath);
    await run(kc, cluster);
  } finally {
    await api.close();
  }
}

test("@kubernetes/client-node lists pods through the API, with the kubeconfig's token", async () => {
  await withClient(async (kc) => {
    const core = kc.makeApiClient(CoreV1Api);
    const all = await core.listPodForAllNamespaces();
    assert.deepEqual(all.items.map((p) => p.metadata?.name).sort(), [
      "kube-proxy-x7k2p",
      "webapp-6f7d8c9b5-abcde",
    ]);
    const onNode = await core.listNamespacedPod({
      namespace: "default",
      fieldSelector: "spec.nodeName=node-2",
    });
    assert.equal(
      onNode.items[0]?.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode,
      128,
    );
  });
});

test("@kubernetes/client-node reads a container's logs", async () => {
  await withClient(async (kc) => {
    const core = kc.makeApiClient(CoreV1Api);
    const log = await core.readNamespacedPodLog({
      name: "kube-proxy-x7k2p",
      namespace: "kube-system",
      container: "kube-proxy",
      tailLines: 1,
    });
    assert.equal(log, "I1124 20:19:29.500000       1 proxier.go:300] Syncing iptables rules\n");
  });
});

test("@kubernetes/client-node watches pods and sees a new one", async () => {
  await withClient(async (kc, cluster) => {
    const seen = new Promise<{ type: string; name: string | undefined }>((resolve) => {
      void new Watch(kc)
        .watch(
          "/api/v1/namespaces/default/pods",
          { resourceVersion: cluster.store.resourceVersion() },
          (type, object: { metadata?: { name?: string } }) => {
            resolve({ type, name: object.metadata?.name });
          },
          () => undefined,
        )
        .then((controller) => {
          setTimeout(
            () =>
              cluster.store.create("pods", { metadata: { name: "watched", namespace: "default" } }),
            50,
          );
          void seen.then(() => controller.abort());
        });
    });
    assert.deepEqual(await seen, { type: "ADDED", name: "watched" });
  });
});

test("@kubernetes/client-node over HTTPS: verifies the kubeconfig's CA, lists, reads logs and watches", async () => {
  await withClient(async (kc, cluster) => {
    assert.match(kc.getCurrentCluster()?.server ?? "", /^https:\/\/127\.0\.0\.1:/);
    assert.equal(kc.getCurrentCluster()?.skipTLSVerify, false);
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: "default" });
    assert.deepEqual(
      pods.items.map((p) => p.metadata?.name),
      ["webapp-6f7d8c9b5-abcde"],
    );
    const log = await core.readNamespacedPodLog({
      name: "kube-proxy-x7k2p",
      namespace: "kube-system",
      container: "kube-proxy",
      tailLines: 1,
    });
    assert.match(log, /Syncing iptables rules/);
    const seen = new Promise<string | undefined>((resolve) => {
      void new Watch(kc)
        .watch(
          "/api/v1/namespaces/default/pods",
          { resourceVersion: cluster.store.resourceVersion() },
          (_type, object: { metadata?: { name?: string } }) => {
            resolve(object.metadata?.name);
          },
          () => undefined,
        )
        .then((controller) => {
          cluster.store.create("pods", { metadata: { name: "over-tls", namespace: "default" } });
          void seen.then(() => controller.abort());
        });
    });
    assert.equal(await seen, "over-tls");
  }, true);
});

test("@kubernetes/client-node refuses the HTTPS API without its CA", async () => {
  await withClient(async (kc) => {
    const cluster = kc.getCurrentCluster();
    assert.ok(cluster);
    const untrusting = new KubeConfig();
    untrusting.loadFromOptions({
      clusters: [{ name: "c", server: cluster.server, skipTLSVerify: false }],
      users: [{ name: "u", token: "client-token" }],
      contexts: [{ name: "x", cluster: "c", user: "u" }],
      currentContext: "x",
    });
    await assert.rejects(
      untrusting.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "default" }),
    );
  }, true);
});

test("a @kubernetes/client-node informer lists, then watches from the list's resourceVersion", async () => {
  await withClient(async (kc, cluster) => {
    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer<V1Pod>(kc, "/api/v1/namespaces/default/pods", () =>
      core.listNamespacedPod({ namespace: "default" }),
    );
    const added: string[] = [];
    const late = new Promise<void>((resolve) => {
      informer.on(ADD, (pod) => {
        added.push(pod.metadata?.name ?? "");
        if (pod.metadata?.name === "late") resolve();
      });
    });
    await informer.start();
    cluster.store.create("pods", { metadata: { name: "late", namespace: "default" } });
    await late;
    await informer.stop();
    assert.deepEqual(added, ["webapp-6f7d8c9b5-abcde", "late"]);
    assert.deepEqual(
      informer
        .list()
        .map((p) => p.metadata?.name)
        .sort(),
      ["late", "webapp-6f7d8c9b5-abcde"],
    );
  });
});
