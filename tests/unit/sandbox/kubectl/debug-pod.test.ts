/**
 * kubectl debug POD: an ephemeral container, or a copy of the pod. Messages are what kubectl 1.32
 * printed against the sandbox API for the same commands (2026-11-25); the containers built follow
 * kubectl's generateDebugContainer and generatePodCopyWithDebugContainer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { AttachSpec } from "../../../../src/sandbox/kubectl/env.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { kubectl } from "./fixture.ts";

const PROFILE_WARNING =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

function runbook() {
  const cluster = createCluster(scenario("runbook"), 1);
  const pods = cluster.store.list<Pod>("pods", { namespace: "default" });
  const crashing = pods.find((p) => p.status?.containerStatuses?.[0]?.ready === false);
  return { cluster, pod: crashing?.metadata?.name ?? "" };
}

test("an ephemeral container: the name kubectl defaults, --target, and the attach", async () => {
  const { cluster, pod } = runbook();
  const attached: AttachSpec[] = [];
  const result = await kubectl(
    cluster,
    `kubectl debug ${pod} -it --image=busybox --target=webapp --profile=general`,
    {
      isTTY: true,
      attachShell: (spec) => {
        attached.push(spec);
        return Promise.resolve(0);
      },
    },
  );
  const [, name] =
    /Defaulting debug container name to (debugger-[a-z0-9]{5})\.\n/.exec(result.stdout) ?? [];
  assert.ok(name, result.stdout);
  assert.equal(
    result.stdout,
    `Targeting container "webapp". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\nDefaulting debug container name to ${name}.\n`,
  );
  assert.equal(result.stderr, "If you don't see a command prompt, try pressing enter.\n");
  const updated = cluster.store.get<Pod>("pods", "default", pod);
  assert.deepEqual(updated?.spec?.ephemeralContainers, [
    {
      name,
      image: "busybox",
      resources: {},
      terminationMessagePolicy: "File",
      stdin: true,
      tty: true,
      targetContainerName: "webapp",
    },
  ]);
  assert.deepEqual(attached, [
    {
      kind: "container",
      namespace: "default",
      pod,
      container: name,
      node: "",
      image: "busybox",
      interactive: true,
    },
  ]);
});

test("--copy-to: a copy with the named container's command replaced, off its node", async () => {
  const { cluster, pod } = runbook();
  const original = cluster.store.get<Pod>("pods", "default", pod);
  const attached: AttachSpec[] = [];
  const result = await kubectl(
    cluster,
    `kubectl debug ${pod} -it --copy-to=dbg --container=webapp -- sh`,
    {
      attachShell: (spec) => {
        attached.push(spec);
        return Promise.resolve(0);
      },
    },
  );
  assert.equal(result.stdout, "");
  assert.equal(
    result.stderr,
    `${PROFILE_WARNING}Unable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n`,
  );
  const copy = cluster.store.get<Pod>("pods", "default", "dbg");
  assert.deepEqual(copy?.metadata?.labels, original?.metadata?.labels);
  const container = copy?.spec?.containers.find((c) => c.name === "webapp");
  assert.deepEqual(
    [container?.command, container?.args, container?.stdin, container?.tty],
    [["sh"], undefined, true, true],
  );
  assert.equal(container?.image, original?.spec?.containers[0]?.image);
  assert.deepEqual(
    attached.map((a) => [a.pod, a.container, a.command]),
    [["dbg", "webapp", ["sh"]]],
  );
});

test("kubectl's checks: --target with --copy-to, -t without -i, kinds debug cannot handle", async () => {
  const { cluster, pod } = runbook();
  const cases: [string, string][] = [
    [
      `kubectl debug ${pod} --copy-to=x --target=webapp --image=busybox`,
      "error: --target is incompatible with --copy-to. Use --share-processes instead.\n",
    ],
    [
      `kubectl debug ${pod} -t --image=busybox`,
      "error: -i/--stdin is required for containers with -t/--tty=true\n",
    ],
    [
      `kubectl debug ${pod} --replace --image=busybox`,
      "error: --replace may only be used with --copy-to.\n",
    ],
    [
      "kubectl debug nope --image=busybox",
      `${PROFILE_WARNING}Error from server (NotFound): pods "nope" not found\n`,
    ],
    [
      "kubectl debug deploy/webapp --image=busybox",
      `${PROFILE_WARNING}error: "apps/v1, Kind=Deployment" not supported by debug\n`,
    ],
    [
      "kubectl debug cm/x --image=busybox",
      `${PROFILE_WARNING}Error from server (NotFound): configmaps "x" not found\n`,
    ],
  ];
  for (const [line, stderr] of cases) {
    const result = await kubectl(cluster, line);
    assert.deepEqual([result.stderr, result.exitCode], [stderr, 1], line);
  }
});
