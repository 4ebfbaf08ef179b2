/**
 * kubectl debug POD: an ephemeral container, or a copy of the pod. Messages are what kubectl 1.32
 * printed against the sandbox API for the same commands (2026-11-25); the containers built follow
 * kubectl's generateDebugContainer and generatePodCopyWithDebugContainer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event, Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster } from "../../../../src/sandbox/cluster/cluster.ts";
import type { AttachSpec } from "../../../../src/sandbox/kubectl/env.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { kubectl } from "./fixture.ts";

const PROFILE_WARNING =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

/** The runbook's cluster: a crash-looping webapp pod on the node whose runtime is broken, and a healthy one. */
function runbook() {
  const cluster = createCluster(scenario("runbook"), 1);
  const pods = cluster.store.list<Pod>("pods", { namespace: "default" });
  const crashing = pods.find((p) => p.status?.containerStatuses?.[0]?.ready === false);
  const healthy = pods.find((p) => p.status?.containerStatuses?.[0]?.ready === true);
  return {
    cluster,
    pod: crashing?.metadata?.name ?? "",
    healthyPod: healthy?.metadata?.name ?? "",
  };
}

function ephemeralStatus(cluster: Cluster, pod: string, name: string) {
  return cluster.store
    .get<Pod>("pods", "default", pod)
    ?.status?.ephemeralContainerStatuses?.find((s) => s.name === name);
}

function debugEvents(cluster: Cluster, pod: string, name: string): Event[] {
  return cluster.store
    .list<Event>("events", {
      namespace: "default",
      fieldSelector: `involvedObject.name=${pod}`,
    })
    .filter((e) => e.involvedObject.fieldPath === `spec.ephemeralContainers{${name}}`);
}

test("an ephemeral container: the name kubectl defaults, --target, and the attach", async () => {
  const { cluster, healthyPod: pod } = runbook();
  const attached: AttachSpec[] = [];
  const statesWhileAttached: string[] = [];
  const result = await kubectl(
    cluster,
    `kubectl debug ${pod} -it --image=busybox --target=webapp --profile=general`,
    {
      isTTY: true,
      attachShell: (spec) => {
        attached.push(spec);
        statesWhileAttached.push(
          Object.keys(ephemeralStatus(cluster, pod, spec.container)?.state ?? {}).join(),
        );
        return Promise.resolve(0);
      },
    },
  );
  const [, name] =
    /Defaulting debug container name to (debugger-[a-z0-9]{5})\.\n/.exec(result.stdout) ?? [];
  assert.ok(name, result.stdout);
  // attach.go reattachMessage: stdin, a raw terminal and a pod whose policy is Always.
  assert.equal(
    result.stdout,
    `Targeting container "webapp". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\nDefaulting debug container name to ${name}.\nSession ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod} -c ${name} -i -t' if it is still running\n`,
  );
  assert.equal(result.stderr, "If you don't see a command prompt, try pressing enter.\n");
  assert.equal(result.exitCode, 0);
  const updated = cluster.store.get<Pod>("pods", "default", pod);
  // The API server defaults the added container (pull policy from the tag, message path).
  assert.deepEqual(updated?.spec?.ephemeralContainers, [
    {
      name,
      image: "busybox",
      resources: {},
      terminationMessagePolicy: "File",
      stdin: true,
      tty: true,
      targetContainerName: "webapp",
      imagePullPolicy: "Always",
      terminationMessagePath: "/dev/termination-log",
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
  assert.deepEqual(statesWhileAttached, ["running"]);
});

test("the ephemeral container runs as the kubelet runs one: events, status, exit, never restarted", async () => {
  const { cluster, healthyPod: pod } = runbook();
  let name = "";
  const startedAt = cluster.clock.now();
  await kubectl(cluster, `kubectl debug ${pod} -it --image=busybox -c dbg --profile=general`, {
    attachShell: (spec) => {
      name = spec.container;
      cluster.advance(30_000);
      return Promise.resolve(3);
    },
  });
  assert.equal(name, "dbg");
  // Untagged busybox is pulled (imagePullPolicy Always); then created and started.
  const events = debugEvents(cluster, pod, "dbg");
  assert.deepEqual(
    events.map((e) => [e.reason, e.type, e.source?.component]),
    [
      ["Pulling", "Normal", "kubelet"],
      ["Pulled", "Normal", "kubelet"],
      ["Created", "Normal", "kubelet"],
      ["Started", "Normal", "kubelet"],
    ],
  );
  assert.equal(events[0]?.message, 'Pulling image "busybox"');
  assert.equal(events[2]?.message, "Created container: dbg");
  assert.equal(events[3]?.message, "Started container dbg");
  const status = ephemeralStatus(cluster, pod, "dbg");
  const terminated = status?.state?.terminated;
  assert.ok(status && terminated);
  assert.deepEqual([terminated.exitCode, terminated.reason], [3, "Error"]);
  assert.match(terminated.containerID ?? "", /^containerd:\/\/[0-9a-f]{64}$/);
  assert.ok(Date.parse(terminated.startedAt ?? "") >= startedAt - 1000);
  // The prober never marks an ephemeral container: ready false, no `started` field.
  assert.equal(status.ready, false);
  assert.equal("started" in status, false);
  assert.equal(status.restartCount, 0);
  assert.match(status.imageID, /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
  // Nothing restarts it, and the pod itself is untouched.
  cluster.advance(10 * 60_000);
  assert.equal(ephemeralStatus(cluster, pod, "dbg")?.restartCount, 0);
  assert.equal(debugEvents(cluster, pod, "dbg").filter((e) => e.reason === "Started").length, 1);
  const after = cluster.store.get<Pod>("pods", "default", pod);
  assert.deepEqual(
    [after?.status?.phase, after?.status?.containerStatuses?.[0]?.ready],
    ["Running", true],
  );
});

test("describe pod lists the ephemeral container after the regular ones (describe.go)", async () => {
  const { cluster, healthyPod: pod } = runbook();
  await kubectl(cluster, `kubectl debug ${pod} -it --image=busybox -c dbg --profile=general`, {
    attachShell: () => Promise.resolve(3),
  });
  const { stdout } = await kubectl(cluster, `kubectl describe pod ${pod}`);
  const section = stdout.slice(
    stdout.indexOf("Ephemeral Containers:\n"),
    stdout.indexOf("Conditions:\n"),
  );
  assert.ok(stdout.indexOf("Containers:\n") < stdout.indexOf("Ephemeral Containers:\n"));
  const lines = section.split("\n");
  assert.deepEqual(
    lines.map((l) => /^\s*[^:]+:/.exec(l)?.[0].trim()).filter((l) => l !== undefined),
    [
      "Ephemeral Containers:",
      "dbg:",
      "Container ID:",
      "Image:",
      "Image ID:",
      "Port:",
      "Host Port:",
      "State:",
      "Reason:",
      "Exit Code:",
      "Started:",
      "Finished:",
      "Ready:",
      "Restart Count:",
      "Environment:",
      "Mounts:",
    ],
  );
  assert.match(section, /\n {4}State: +Terminated\n {6}Reason: +Error\n {6}Exit Code: +3\n/);
  assert.match(section, /\n {4}Ready: +False\n {4}Restart Count: +0\n/);
  assert.match(section, /\n {4}Image: +busybox\n/);
});

test("a command after -- runs in the attached terminal and its status ends the container", async () => {
  const { cluster, healthyPod: pod } = runbook();
  const attached: AttachSpec[] = [];
  await kubectl(cluster, `kubectl debug ${pod} -it --image=busybox -c ps --target=webapp -- ps`, {
    attachShell: (spec) => {
      attached.push(spec);
      return Promise.resolve(0);
    },
  });
  assert.deepEqual(
    attached.map((a) => a.command),
    [["ps"]],
  );
  const terminated = ephemeralStatus(cluster, pod, "ps")?.state?.terminated;
  assert.deepEqual([terminated?.reason, terminated?.exitCode], ["Completed", 0]);
});

test("without -i the shell reads end-of-file and the container completes at once", async () => {
  const { cluster, healthyPod: pod } = runbook();
  const result = await kubectl(cluster, `kubectl debug ${pod} --image=busybox:1.36 -c once`);
  assert.equal(result.exitCode, 0);
  cluster.advance(5_000);
  const terminated = ephemeralStatus(cluster, pod, "once")?.state?.terminated;
  assert.deepEqual([terminated?.reason, terminated?.exitCode], ["Completed", 0]);
  // busybox:1.36 is on the node already.
  assert.equal(
    debugEvents(cluster, pod, "once").find((e) => e.reason === "Pulled")?.message,
    'Container image "busybox:1.36" already present on machine',
  );
});

test("on the node whose runtime is broken the debug container fails like any container there", async () => {
  const { cluster, pod } = runbook();
  let attachedTo: string | undefined;
  const result = await kubectl(
    cluster,
    `kubectl debug ${pod} -it --image=busybox -c dbg --profile=general`,
    {
      attachShell: (spec) => {
        attachedTo = spec.container;
        return Promise.resolve(0);
      },
    },
  );
  const status = ephemeralStatus(cluster, pod, "dbg");
  const message = status?.state?.waiting?.message ?? "";
  const last = status?.lastState?.terminated;
  assert.deepEqual(
    [status?.state?.waiting?.reason, message, last?.exitCode, last?.reason],
    [
      "RunContainerError",
      "failed to create containerd task: failed to create shim task: context deadline exceeded: unknown",
      128,
      "StartError",
    ],
  );
  // kubectl's waitForContainer warns with the waiting message and never attaches; Ctrl-C ends it.
  assert.equal(result.stderr, `Warning: container dbg: ${message}\n`);
  assert.equal(result.exitCode, 1);
  assert.equal(attachedTo, undefined);
  const failed = debugEvents(cluster, pod, "dbg").filter((e) => e.reason === "Failed");
  assert.deepEqual(
    failed.map((e) => [e.type, e.message]),
    [["Warning", `Error: ${message}`]],
  );
  cluster.advance(5 * 60_000);
  assert.equal(debugEvents(cluster, pod, "dbg").filter((e) => e.reason === "Created").length, 1);
});

test("--target: ps in the debug container sees the target's process as PID 1", async () => {
  const { cluster, healthyPod: pod } = runbook();
  let seen: string[] = [];
  await kubectl(cluster, `kubectl debug ${pod} -it --image=busybox -c dbg --target=webapp`, {
    attachShell: (spec) => {
      seen = cluster
        .containerProcesses("default", pod, spec.container)
        .processes.map((p) => `${p.pid} ${p.argv.join(" ")}`);
      return Promise.resolve(0);
    },
  });
  const webapp = cluster.store.get<Pod>("pods", "default", pod)?.spec?.containers[0];
  const image = cluster.image(webapp?.image ?? "");
  const program = [...(webapp?.command ?? image?.entrypoint ?? []), ...(webapp?.args ?? [])];
  assert.equal(seen[0], `1 ${program.join(" ")}`);
  assert.match(seen[1] ?? "", /^\d+ sh$/);
  assert.equal(seen.length, 2);
});

test("logs of an ephemeral container: the log subresource knows it by name", () => {
  const { cluster, healthyPod: pod } = runbook();
  const spec = cluster.store.get<Pod>("pods", "default", pod);
  assert.ok(spec?.spec);
  cluster.updateObject("pods", {
    ...spec,
    spec: { ...spec.spec, ephemeralContainers: [{ name: "dbg", image: "busybox:1.36" }] },
  });
  cluster.advance(5_000);
  assert.deepEqual(cluster.podLogs("default", pod, "dbg"), []);
});

test("--copy-to: a copy with the named container's command replaced, off its node", async () => {
  const { cluster, healthyPod: pod } = runbook();
  // Keep the copy off the node whose runtime is broken (the scheduler picks its node anew).
  for (const node of cluster.faultNodes) cluster.cordon(node);
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
