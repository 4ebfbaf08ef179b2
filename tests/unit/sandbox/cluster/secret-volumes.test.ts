/**
 * Secret volumes as the kubelet sets them up: the keys are files under the mountPath; a missing
 * Secret keeps the pod in ContainerCreating with FailedMount events whose message is the kubelet's
 * (`MountVolume.SetUp failed for volume "creds" : secret "git-creds" not found`, seen in many
 * issue reports), retried with back-off until the Secret exists. git in an init container reads
 * its token from such a file.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event, Pod, Volume, VolumeMount } from "kubernetes-types/core/v1.d.ts";
import type { Cluster } from "../../../../src/sandbox/cluster/cluster.ts";
import { mountedFiles } from "../../../../src/sandbox/cluster/volume-files.ts";
import { build } from "../faults/fixture.ts";

const TOKEN = "ghp_T0kenForPr1vateRepo";
const REPOSITORY = "https://github.com/acme/private-site.git";

function cluster(): Cluster {
  return build([], 3, {
    gitRepositories: [{ url: REPOSITORY, private: true, tokens: [TOKEN] }],
  });
}

function createSecret(c: Cluster, name: string, data: Record<string, string>): void {
  c.create("secrets", {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: "default" },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, btoa(v)])),
    type: "Opaque",
  });
}

function podWith(
  c: Cluster,
  volume: Volume,
  mount: VolumeMount,
  command: string[] = ["sleep", "3600"],
): void {
  c.create("pods", {
    metadata: { name: "app", namespace: "default" },
    spec: {
      nodeName: "node-2",
      volumes: [volume],
      containers: [{ name: "app", image: "busybox:1.36", command, volumeMounts: [mount] }],
    },
  });
}

function pod(c: Cluster): Pod | undefined {
  return c.store.get<Pod>("pods", "default", "app");
}

function failedMounts(c: Cluster): Event[] {
  return c.store.list<Event>("events", {
    namespace: "default",
    fieldSelector: "involvedObject.name=app,reason=FailedMount",
  });
}

test("a missing Secret: ContainerCreating, no IP, FailedMount events until it exists", () => {
  const c = cluster();
  podWith(
    c,
    { name: "creds", secret: { secretName: "git-creds" } },
    { name: "creds", mountPath: "/etc/git", readOnly: true },
  );
  c.advance(5 * 60_000);
  const stuck = pod(c)?.status;
  assert.deepEqual(
    [
      stuck?.phase,
      stuck?.containerStatuses?.[0]?.state?.waiting?.reason,
      stuck?.podIP,
      stuck?.conditions?.find((cond) => cond.type === "PodReadyToStartContainers")?.status,
    ],
    ["Pending", "ContainerCreating", undefined, "False"],
  );
  const [event] = failedMounts(c);
  assert.deepEqual(
    [event?.type, event?.source?.component, event?.message],
    [
      "Warning",
      "kubelet",
      'MountVolume.SetUp failed for volume "creds" : secret "git-creds" not found',
    ],
  );
  // 500ms doubling to 2m2s: about 10 attempts in the first five minutes.
  const count = event?.count ?? 0;
  assert.ok(count >= 8 && count <= 12, String(count));
  const journal = c.nodeHost("node-2")?.journal() ?? [];
  const line = journal.find((l) => l.message.includes("nestedpendingoperations.go:348]"));
  assert.match(
    line?.message ?? "",
    /^E\d{4} [\d:.]+ +\d+ nestedpendingoperations\.go:348\] Operation for "\{volumeName:kubernetes\.io\/secret\/[0-9a-f-]+-creds podName:[0-9a-f-]+ nodeName:\}" failed\. No retries permitted until \d{4}-\d\d-\d\d [\d:.]+ \+0000 UTC m=\+\d+\.\d{9} \(durationBeforeRetry 500ms\)\. Error: MountVolume\.SetUp failed for volume "creds" \(UniqueName: "kubernetes\.io\/secret\/[0-9a-f-]+-creds"\) pod "app" \(UID: "[0-9a-f-]+"\) : secret "git-creds" not found$/,
  );
  createSecret(c, "git-creds", { token: TOKEN });
  c.advance(125_000);
  const running = pod(c)?.status;
  assert.equal(running?.phase, "Running");
  assert.match(running.podIP ?? "", /^10\.244\.\d+\.\d+$/);
});

test("the Secret's keys are files under the mountPath; items pick keys and paths; subPath one file", () => {
  const c = cluster();
  createSecret(c, "git-creds", { token: TOKEN, user: "x-access-token" });
  podWith(
    c,
    { name: "creds", secret: { secretName: "git-creds" } },
    { name: "creds", mountPath: "/etc/git/" },
  );
  const p = pod(c);
  assert.ok(p);
  // The API server defaults the volume's file mode (SetDefaults_SecretVolumeSource: 0644).
  assert.deepEqual(p.spec?.volumes?.[0]?.secret, { secretName: "git-creds", defaultMode: 420 });
  assert.deepEqual(
    mountedFiles(c.store, p, "app").map((f) => [f.path, f.content, f.mode]),
    [
      ["/etc/git/token", TOKEN, 420],
      ["/etc/git/user", "x-access-token", 420],
    ],
  );
  const items: Pod = {
    ...p,
    spec: {
      containers: [
        {
          name: "app",
          volumeMounts: [
            { name: "creds", mountPath: "/creds" },
            { name: "creds", mountPath: "/root/.token", subPath: "t" },
          ],
        },
      ],
      volumes: [
        {
          name: "creds",
          secret: { secretName: "git-creds", items: [{ key: "token", path: "t", mode: 256 }] },
        },
      ],
    },
  };
  assert.deepEqual(
    mountedFiles(c.store, items, "app").map((f) => [f.path, f.mode]),
    [
      ["/creds/t", 256],
      ["/root/.token", 256],
    ],
  );
});

test("a key the items name that the Secret lacks; an optional Secret that is missing", () => {
  const c = cluster();
  createSecret(c, "git-creds", { user: "x" });
  podWith(
    c,
    { name: "creds", secret: { secretName: "git-creds", items: [{ key: "token", path: "t" }] } },
    { name: "creds", mountPath: "/etc/git" },
  );
  c.advance(5_000);
  assert.equal(
    failedMounts(c)[0]?.message,
    'MountVolume.SetUp failed for volume "creds" : references non-existent secret key: token',
  );
  const optional = cluster();
  podWith(
    optional,
    { name: "creds", secret: { secretName: "absent", optional: true } },
    { name: "creds", mountPath: "/etc/git" },
  );
  optional.advance(5_000);
  assert.equal(pod(optional)?.status?.phase, "Running");
  assert.deepEqual(failedMounts(optional), []);
});

function initClone(c: Cluster, script: string, secret: string): void {
  c.create("pods", {
    metadata: { name: "app", namespace: "default" },
    spec: {
      nodeName: "node-2",
      restartPolicy: "Never",
      volumes: [
        { name: "creds", secret: { secretName: secret } },
        { name: "work", emptyDir: {} },
      ],
      initContainers: [
        {
          name: "clone",
          image: "alpine/git",
          command: ["sh", "-c", script],
          volumeMounts: [
            { name: "creds", mountPath: "/etc/git-secret", readOnly: true },
            { name: "work", mountPath: "/work" },
          ],
        },
      ],
      containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "3600"] }],
    },
  });
  c.advance(30_000);
}

function cloneResult(c: Cluster): { exitCode: number | undefined; logs: string } {
  const status = pod(c)?.status?.initContainerStatuses?.[0];
  const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
  return {
    exitCode: terminated?.exitCode,
    logs: c
      .podLogs("default", "app", "clone")
      .map((l) => l.text)
      .join("\n"),
  };
}

test("git reads the token from the mounted Secret ($(cat FILE)) and clones the private repository", () => {
  const c = cluster();
  createSecret(c, "git-creds", { token: `${TOKEN}\n` });
  initClone(
    c,
    `git clone https://x-access-token:$(cat /etc/git-secret/token)@github.com/acme/private-site.git /work`,
    "git-creds",
  );
  assert.equal(cloneResult(c).exitCode, 0);
  assert.equal(pod(c)?.status?.phase, "Running");
  const wrong = cluster();
  createSecret(wrong, "git-creds", { token: "ghp_revoked" });
  initClone(
    wrong,
    `git clone https://x-access-token:$(cat /etc/git-secret/token)@github.com/acme/private-site.git /work`,
    "git-creds",
  );
  const failed = cloneResult(wrong);
  assert.equal(failed.exitCode, 128);
  assert.match(
    failed.logs,
    /fatal: Authentication failed for 'https:\/\/github\.com\/acme\/private-site\.git\/'/,
  );
});

test("git's store credential helper reads a .git-credentials file from the Secret", () => {
  const c = cluster();
  createSecret(c, "git-creds", {
    ".git-credentials": `https://x-access-token:${TOKEN}@github.com\n`,
  });
  const script = `git -c credential.helper='store --file=/etc/git-secret/.git-credentials' clone ${REPOSITORY} /work`;
  initClone(c, script, "git-creds");
  assert.equal(cloneResult(c).exitCode, 0);
  const without = cluster();
  createSecret(without, "git-creds", { other: "x" });
  initClone(without, script, "git-creds");
  const failed = cloneResult(without);
  assert.equal(failed.exitCode, 128);
  assert.match(failed.logs, /fatal: could not read Username for 'https:\/\/github\.com'/);
});
