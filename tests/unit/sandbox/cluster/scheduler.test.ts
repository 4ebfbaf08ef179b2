/** The default scheduler's filters: resources, nodeSelector, taints and tolerations. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event, Pod } from "kubernetes-types/core/v1.d.ts";
import { createCluster } from "../../../../src/sandbox/scenarios/index.ts";

function cluster() {
  return createCluster(
    {
      name: "sched",
      warmupSeconds: 0,
      nodes: [
        { name: "small", cpu: "2", labels: { disk: "hdd" } },
        {
          name: "big",
          cpu: "8",
          labels: { disk: "ssd" },
          taints: [{ key: "dedicated", value: "db", effect: "NoSchedule" }],
        },
      ],
    },
    1,
  );
}

function place(
  c: ReturnType<typeof cluster>,
  name: string,
  spec: Partial<NonNullable<Pod["spec"]>>,
  cpu?: string,
): Pod | undefined {
  const container =
    cpu === undefined
      ? { name: "c", image: "busybox:1.36", command: ["sleep", "3600"] }
      : {
          name: "c",
          image: "busybox:1.36",
          command: ["sleep", "3600"],
          resources: { requests: { cpu } },
        };
  c.create("pods", {
    metadata: { name, namespace: "default" },
    spec: { ...spec, containers: [container] },
  });
  return c.store.get<Pod>("pods", "default", name);
}

test("untolerated taints keep pods off; a toleration lets them on", () => {
  const c = cluster();
  assert.equal(place(c, "a", { nodeSelector: { disk: "ssd" } })?.spec?.nodeName, undefined);
  assert.equal(
    c.store.list<Event>("events", {
      namespace: "default",
      fieldSelector: "involvedObject.name=a,reason=FailedScheduling",
    })[0]?.message,
    "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: db}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
  );
  const tolerated = place(c, "b", {
    nodeSelector: { disk: "ssd" },
    tolerations: [{ key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" }],
  });
  assert.equal(tolerated?.spec?.nodeName, "big");
});

test("CPU requests must fit the node's allocatable", () => {
  const c = cluster();
  assert.equal(place(c, "one", {}, "1500m")?.spec?.nodeName, "small");
  const second = place(c, "two", {}, "1")?.spec?.nodeName;
  assert.equal(second, undefined);
  assert.match(
    c.store.list<Event>("events", {
      namespace: "default",
      fieldSelector: "involvedObject.name=two,reason=FailedScheduling",
    })[0]?.message ?? "",
    /^0\/2 nodes are available: 1 Insufficient cpu, 1 node\(s\) had untolerated taint \{dedicated: db\}\./,
  );
});

test("nodeName bypasses the scheduler (no Scheduled event)", () => {
  const c = cluster();
  assert.equal(place(c, "pinned", { nodeName: "big" })?.spec?.nodeName, "big");
  assert.deepEqual(
    c.store.list<Event>("events", {
      namespace: "default",
      fieldSelector: "involvedObject.name=pinned,reason=Scheduled",
    }),
    [],
  );
});

test("kube-proxy's logs carry klog headers with the times they were written", () => {
  const c = cluster();
  const proxy = c.store.list<Pod>("pods", { namespace: "kube-system" })[0];
  const lines = c.podLogs("kube-system", proxy?.metadata?.name ?? "", undefined);
  assert.match(
    lines[0]?.text ?? "",
    /^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 server_linux\.go:66\] "Using iptables proxy"$/,
  );
});
