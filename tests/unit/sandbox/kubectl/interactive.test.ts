/** Commands that hand the terminal to someone else: attach (debug, exec, run -it), the editor, -f. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Namespace, Pod } from "kubernetes-types/core/v1.d.ts";
import type { AttachSpec, EditRequest } from "../../../../src/sandbox/kubectl/env.ts";
import { FixtureCluster, kubectl } from "./fixture.ts";

test("debug node/NAME -it creates the node debugger pod, then attaches with the node and profile", async () => {
  const cluster = new FixtureCluster();
  const specs: AttachSpec[] = [];
  const result = await kubectl(
    cluster,
    "kubectl debug node/node-2 -it --image=ubuntu --profile=sysadmin",
    {
      isTTY: true,
      attachShell: (spec) => {
        specs.push(spec);
        return Promise.resolve(0);
      },
    },
  );
  const name =
    /Creating debugging pod (node-debugger-node-2-[bcdfghjklmnpqrstvwxz2456789]{5}) with container debugger on node node-2\.\n/.exec(
      result.stdout,
    )?.[1];
  assert.ok(name, result.stdout);
  assert.equal(result.stderr, "If you don't see a command prompt, try pressing enter.\n");
  assert.deepEqual(specs, [
    {
      kind: "node-debug",
      namespace: "default",
      pod: name,
      container: "debugger",
      node: "node-2",
      image: "ubuntu",
      profile: "sysadmin",
      interactive: true,
    },
  ]);
  const spec = cluster.store.get<Pod>("pods", "default", name)?.spec;
  assert.ok(spec);
  assert.equal(spec.nodeName, "node-2");
  assert.equal(spec.hostPID, true);
  assert.equal(spec.restartPolicy, "Never");
  assert.deepEqual(spec.volumes, [{ name: "host-root", hostPath: { path: "/" } }]);
  assert.deepEqual(spec.containers[0]?.securityContext, { privileged: true });
});

test("debug without --profile warns that legacy is deprecated and passes the command after --", async () => {
  const specs: AttachSpec[] = [];
  const result = await kubectl(
    new FixtureCluster(),
    "kubectl debug node/node-2 -it --image=ubuntu -- chroot /host journalctl -u containerd",
    {
      isTTY: true,
      attachShell: (spec) => {
        specs.push(spec);
        return Promise.resolve(1);
      },
    },
  );
  assert.match(result.stderr, /^--profile=legacy is deprecated/);
  assert.deepEqual(specs[0]?.command, ["chroot", "/host", "journalctl", "-u", "containerd"]);
  assert.equal(result.exitCode, 0);
});

test("exec runs the command in the pod's container and reports a failing exit", async () => {
  const cluster = new FixtureCluster();
  const result = await kubectl(
    cluster,
    "kubectl exec -n kube-system kube-proxy-x7k2p -- sh -c 'exit 3'",
    {
      attachShell: (spec) => Promise.resolve(spec.command?.join(" ") === "sh -c exit 3" ? 3 : 0),
    },
  );
  assert.equal(result.stderr, "command terminated with exit code 3\n");
  assert.equal(result.exitCode, 3);
});

test("exec into a container that is not running is the API's BadRequest", async () => {
  const result = await kubectl(new FixtureCluster(), "kubectl exec webapp-6f7d8c9b5-abcde -- ls", {
    attachShell: () => Promise.resolve(0),
  });
  assert.equal(result.stderr, "Error from server (BadRequest): container webapp is not running\n");
  assert.equal(result.exitCode, 1);
});

test("edit hands YAML with kubectl's header to the editor and applies the saved text", async () => {
  const cluster = new FixtureCluster();
  const requests: EditRequest[] = [];
  const result = await kubectl(cluster, "kubectl edit ns default", {
    openEditor: (request) => {
      requests.push(request);
      return Promise.resolve(
        request.content.replace(
          "phase: Active",
          "phase: Active\nspec:\n  finalizers:\n  - kubernetes",
        ),
      );
    },
  });
  assert.match(
    requests[0]?.content ?? "",
    /^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n/,
  );
  assert.equal(result.stdout, "namespace/default edited\n");
  const ns = cluster.store.get<Namespace>("namespaces", undefined, "default");
  assert.deepEqual(ns?.spec?.finalizers, ["kubernetes"]);
});

test("logs --tail and --timestamps; -f streams new lines until Ctrl-C", async () => {
  const cluster = new FixtureCluster();
  const key = "kube-system/kube-proxy-x7k2p/kube-proxy/current";
  const t = Date.parse("2026-11-24T20:30:00.5Z");
  cluster.logs.set(key, [
    { timeMs: t, text: "one" },
    { timeMs: t + 1000, text: "two" },
    { timeMs: t + 2000, text: "three" },
  ]);
  const tail = await kubectl(
    cluster,
    "kubectl logs -n kube-system kube-proxy-x7k2p --tail=2 --timestamps",
  );
  assert.equal(tail.stdout, "2026-11-24T20:30:01.5Z two\n2026-11-24T20:30:02.5Z three\n");
  const controller = new AbortController();
  const following = kubectl(cluster, "kubectl logs -f -n kube-system kube-proxy-x7k2p", {
    signal: controller.signal,
  });
  await Promise.resolve();
  cluster.logs.set(key, [...(cluster.logs.get(key) ?? []), { timeMs: t + 3000, text: "four" }]);
  cluster.store.mutate("pods", "kube-system", "kube-proxy-x7k2p", () => undefined);
  controller.abort();
  const result = await following;
  assert.equal(result.stdout, "one\ntwo\nthree\nfour\n");
});
