/** reference/exit-codes.md: git exits 128 on every fatal error; the pod shows Init:Error / Init:CrashLoopBackOff. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment } from "kubernetes-types/apps/v1.d.ts";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { ScenarioInput } from "../../../../src/schemas/scenario.ts";
import type { Cluster } from "../../../../src/sandbox/cluster/cluster.ts";
import { findClone, parseClone } from "../../../../src/sandbox/cluster/git-remote.ts";
import { build, eventsFor, pods, WEB_IMAGE } from "./fixture.ts";

test("git clone without credentials: the init container ends with Error 128 and git's fatal line", () => {
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
  const site = pods(cluster, "app=docs-site");
  assert.equal(site.length, 2);
  for (const pod of site) {
    const name = pod.metadata?.name ?? "";
    const init = pod.status?.initContainerStatuses?.[0];
    assert.equal(pod.status?.phase, "Pending");
    assert.equal(init?.name, "git-clone");
    assert.equal(init.lastState?.terminated?.exitCode, 128);
    assert.equal(init.lastState.terminated.reason, "Error");
    assert.equal(init.state?.waiting?.reason, "CrashLoopBackOff");
    assert.equal(pod.status.containerStatuses?.[0]?.state?.waiting?.reason, "PodInitializing");
    const initialized = pod.status.conditions?.find((c) => c.type === "Initialized");
    assert.equal(initialized?.status, "False");
    assert.equal(initialized.message, "containers with incomplete status: [git-clone]");
    assert.deepEqual(
      cluster.podLogs("default", name, "git-clone", { previous: true }).map((l) => l.text),
      [
        "Cloning into '/workspace'...",
        "fatal: could not read Username for 'https://github.com': No such device or address",
      ],
    );
    const backoff = eventsFor(cluster, pod).get("BackOff");
    assert.equal(
      backoff?.message,
      `Back-off restarting failed container git-clone in pod ${name}_default(${pod.metadata?.uid ?? ""})`,
    );
    assert.equal(backoff.involvedObject.fieldPath, "spec.initContainers{git-clone}");
    // With one app container the API defaults to it, and it has not started yet.
    assert.throws(() => cluster.podLogs("default", name, undefined), {
      message: `container "web" in pod "${name}" is waiting to start: PodInitializing`,
    });
  }
});

test("a repository that does not exist: remote: Repository not found.", () => {
  const cluster = build(
    [
      {
        type: "git-init-container",
        repository: "https://github.com/acme/site-contnet.git",
        error: "not-found",
      },
    ],
    2,
  );
  const pod = pods(cluster, "app=docs-site")[0];
  assert.deepEqual(
    cluster
      .podLogs("default", pod?.metadata?.name ?? "", "git-clone", { previous: true })
      .map((l) => l.text),
    [
      "Cloning into '/workspace'...",
      "remote: Repository not found.",
      "fatal: repository 'https://github.com/acme/site-contnet.git/' not found",
    ],
  );
});

test("restartPolicy Never: the pod fails for good (Init:Error)", () => {
  const cluster = build([{ type: "git-init-container" }], 2, {
    workloads: [
      {
        kind: "Pod",
        name: "one-shot",
        restartPolicy: "Never",
        initContainers: [
          {
            name: "git-clone",
            image: "alpine/git:2.45.2",
            args: ["clone", "https://github.com/acme/site-content.git"],
          },
        ],
        containers: [{ name: "web", image: "nginx:1.27" }],
      },
    ],
  });
  const pod = cluster.store.get<Pod>("pods", "default", "one-shot");
  assert.equal(pod?.status?.phase, "Failed");
  assert.equal(pod.status.initContainerStatuses?.[0]?.state?.terminated?.exitCode, 128);
  assert.equal(pod.status.initContainerStatuses[0].state.terminated.reason, "Error");
  assert.equal(pod.status.initContainerStatuses[0].restartCount, 0);
});

/**
 * Against declared repositories git's answer comes from the init container's real command line.
 * Expected lines: git's http.c / credential.c messages and GitHub's remote lines as users report
 * them (see src/sandbox/cluster/git-remote.ts).
 */
const TOKEN = "ghp_R3adOnlyT0kenForSiteContent0000000";
const PRIVATE_REPO = {
  url: "https://github.com/acme/site-content.git",
  private: true,
  tokens: [TOKEN],
};

function siteWithGit(url: string, extra: Partial<ScenarioInput> = {}, optional?: boolean): Cluster {
  return build([{ type: "git-init-container", image: "alpine/git:2.45.2" }], 2, {
    gitRepositories: [PRIVATE_REPO, { url: "https://github.com/acme/public-docs.git" }],
    secrets: [{ name: "git-credentials", stringData: { token: TOKEN } }],
    workloads: [
      {
        kind: "Deployment",
        name: "site",
        replicas: 2,
        labels: { app: "site" },
        initContainers: [
          {
            name: "fetch-content",
            image: "alpine/git:2.45.2",
            args: ["clone", "--depth=1", url, "/content"],
            env: [
              {
                name: "GIT_TOKEN",
                secretKeyRef: {
                  name: "git-credentials",
                  key: "token",
                  ...(optional === undefined ? {} : { optional }),
                },
              },
            ],
            mounts: [{ volume: "content", mountPath: "/content" }],
          },
        ],
        containers: [{ name: "web", image: "nginx:1.27", ports: [80] }],
        volumes: [{ name: "content", kind: "emptyDir" }],
      },
    ],
    ...extra,
  });
}

function initLogs(cluster: Cluster): string[] {
  const pod = pods(cluster, "app=site")[0];
  return cluster
    .podLogs("default", pod?.metadata?.name ?? "", "fetch-content", { previous: true })
    .map((l) => l.text);
}

const WITH_TOKEN = (path: string) => `https://x-access-token:$(GIT_TOKEN)@github.com/${path}`;

test("a misspelled repository with a valid token: Repository not found, 128, Init:CrashLoopBackOff", () => {
  const cluster = siteWithGit(WITH_TOKEN("acme/site-contnet.git"));
  assert.deepEqual(initLogs(cluster), [
    "Cloning into '/content'...",
    "remote: Repository not found.",
    "fatal: repository 'https://github.com/acme/site-contnet.git/' not found",
  ]);
  for (const pod of pods(cluster, "app=site")) {
    const init = pod.status?.initContainerStatuses?.[0];
    assert.equal(init?.lastState?.terminated?.exitCode, 128);
    assert.equal(init.lastState.terminated.reason, "Error");
    assert.equal(init.state?.waiting?.reason, "CrashLoopBackOff");
  }
});

test("a private repository cloned without credentials: git cannot ask for a username", () => {
  const cluster = siteWithGit("https://github.com/acme/site-content.git");
  assert.deepEqual(initLogs(cluster), [
    "Cloning into '/content'...",
    "fatal: could not read Username for 'https://github.com': No such device or address",
  ]);
});

test("a token GitHub does not know: Invalid username or token, Authentication failed", () => {
  const cluster = siteWithGit(WITH_TOKEN("acme/site-content.git"), {
    secrets: [{ name: "git-credentials", stringData: { token: "ghp_expired" } }],
  });
  assert.deepEqual(initLogs(cluster), [
    "Cloning into '/content'...",
    "remote: Invalid username or token. Password authentication is not supported for Git operations.",
    "fatal: Authentication failed for 'https://github.com/acme/site-content.git/'",
  ]);
});

test("the right URL and token: the clone succeeds and the pods run", () => {
  const cluster = siteWithGit(WITH_TOKEN("acme/site-content.git"));
  for (const pod of pods(cluster, "app=site")) {
    assert.equal(pod.status?.phase, "Running");
    const init = pod.status.initContainerStatuses?.[0];
    assert.equal(init?.state?.terminated?.exitCode, 0);
    assert.equal(init.state.terminated.reason, "Completed");
  }
});

test("a public repository needs no credentials; an unknown host does not resolve", () => {
  const open = siteWithGit("https://github.com/acme/public-docs");
  assert.equal(pods(open, "app=site")[0]?.status?.phase, "Running");
  const typo = siteWithGit("https://gihtub.com/acme/site-content.git");
  assert.deepEqual(initLogs(typo), [
    "Cloning into '/content'...",
    "fatal: unable to access 'https://gihtub.com/acme/site-content.git/': Could not resolve host: gihtub.com",
  ]);
});

test("a missing Secret: CreateContainerConfigError until it is created, then the clone runs", () => {
  const cluster = siteWithGit(WITH_TOKEN("acme/site-content.git"), { secrets: [] });
  for (const pod of pods(cluster, "app=site")) {
    assert.equal(pod.status?.phase, "Pending");
    const init = pod.status.initContainerStatuses?.[0];
    assert.deepEqual(init?.state?.waiting, {
      message: 'secret "git-credentials" not found',
      reason: "CreateContainerConfigError",
    });
    assert.equal(init.restartCount, 0);
    const failed = eventsFor(cluster, pod).get("Failed");
    assert.equal(failed?.message, 'Error: secret "git-credentials" not found');
    assert.equal(failed.type, "Warning");
    assert.ok((failed.count ?? 0) > 1, "the kubelet keeps retrying");
  }
  cluster.create("secrets", {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "git-credentials", namespace: "default" },
    type: "Opaque",
    data: { token: Buffer.from(TOKEN).toString("base64") },
  });
  cluster.advance(20_000);
  for (const pod of pods(cluster, "app=site")) assert.equal(pod.status?.phase, "Running");
});

test("a Secret without the key: couldn't find key; an optional reference is skipped", () => {
  const cluster = siteWithGit(WITH_TOKEN("acme/site-content.git"), {
    secrets: [{ name: "git-credentials", stringData: { password: TOKEN } }],
  });
  assert.equal(
    pods(cluster, "app=site")[0]?.status?.initContainerStatuses?.[0]?.state?.waiting?.message,
    "couldn't find key token in Secret default/git-credentials",
  );
  // Without the variable, $(GIT_TOKEN) stays as written and GitHub rejects it as a token.
  const optional = siteWithGit(WITH_TOKEN("acme/site-content.git"), { secrets: [] }, true);
  assert.deepEqual(initLogs(optional).slice(1), [
    "remote: Invalid username or token. Password authentication is not supported for Git operations.",
    "fatal: Authentication failed for 'https://github.com/acme/site-content.git/'",
  ]);
});

test("correcting the URL in the Deployment fixes the rollout; a newer git image does not", () => {
  const cluster = siteWithGit(WITH_TOKEN("acme/site-contnet.git"), {
    images: [
      { name: "alpine/git:2.47.1", entrypoint: ["git"], files: [{ path: "/usr/bin/git" }] },
      { name: WEB_IMAGE, entrypoint: ["/app/start"], files: [{ path: "/app/start" }] },
    ],
  });
  const bumped = cluster.store.get<Deployment>("deployments", "default", "site");
  assert.ok(bumped?.spec?.template.spec?.initContainers?.[0]);
  bumped.spec.template.spec.initContainers[0].image = "alpine/git:2.47.1";
  cluster.updateObject("deployments", bumped);
  cluster.advance(120_000);
  assert.ok(pods(cluster, "app=site").some((p) => p.status?.phase !== "Running"));

  const fixed = cluster.store.get<Deployment>("deployments", "default", "site");
  assert.ok(fixed?.spec?.template.spec?.initContainers?.[0]);
  fixed.spec.template.spec.initContainers[0].args = [
    "clone",
    "--depth=1",
    WITH_TOKEN("acme/site-content.git"),
    "/content",
  ];
  cluster.updateObject("deployments", fixed);
  cluster.advance(120_000);
  const site = pods(cluster, "app=site");
  assert.equal(site.length, 2);
  for (const pod of site) assert.equal(pod.status?.phase, "Running");
});

test("git clone's URL and directory are read past its options", () => {
  assert.deepEqual(
    parseClone(["git", "clone", "--depth", "1", "-b", "main", "https://h/a/b.git", "/c"]),
    { url: "https://h/a/b.git", directory: "/c" },
  );
  assert.deepEqual(parseClone(["/usr/bin/git", "-c", "x=y", "clone", "https://h/a/site.git"]), {
    url: "https://h/a/site.git",
    directory: "site",
  });
  assert.equal(parseClone(["git", "pull"]), undefined);
});

test("a clone inside sh -c: the shell expands $VAR from the environment, an unset one to nothing", () => {
  const env = new Map([["GIT_TOKEN", "t0k"]]);
  assert.deepEqual(
    findClone(
      ["sh", "-c", 'set -e; git clone --depth 1 "https://x:${GIT_TOKEN}@github.com/a/b.git" /c'],
      env,
    ),
    { url: "https://x:t0k@github.com/a/b.git", directory: "/c" },
  );
  assert.deepEqual(findClone(["/bin/sh", "-c", "exec git clone https://x:$NOPE@h/a/b"], env), {
    url: "https://x:@h/a/b",
    directory: "b",
  });
  assert.equal(findClone(["sh", "-c", "echo hello"], env), undefined);
  // A misspelled variable leaves the password empty: git asks for it and cannot read it.
  const cluster = siteWithGit("https://github.com/acme/site-content.git");
  const site = cluster.store.get<Deployment>("deployments", "default", "site");
  assert.ok(site?.spec?.template.spec?.initContainers?.[0]);
  site.spec.template.spec.initContainers[0].command = ["sh", "-c"];
  site.spec.template.spec.initContainers[0].args = [
    "git clone https://x-access-token:$GIT_TOKN@github.com/acme/site-content.git /content",
  ];
  cluster.updateObject("deployments", site);
  cluster.advance(60_000);
  const failing = pods(cluster, "app=site").find(
    (p) =>
      p.spec?.initContainers?.[0]?.command?.[0] === "sh" &&
      p.status?.initContainerStatuses?.[0]?.lastState?.terminated?.exitCode === 128,
  );
  assert.ok(failing);
  assert.deepEqual(
    cluster
      .podLogs("default", failing.metadata?.name ?? "", "fetch-content", { previous: true })
      .map((l) => l.text),
    [
      "Cloning into '/content'...",
      "fatal: could not read Password for 'https://x-access-token@github.com': No such device or address",
    ],
  );
});
