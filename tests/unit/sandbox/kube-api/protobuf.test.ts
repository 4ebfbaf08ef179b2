import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { decodeKubernetesProtobuf } from "../../../../src/sandbox/kube-api/protobuf.ts";
import { fixtureCluster } from "./fixture.ts";
import { at, json, send } from "./request.ts";

/** Request bodies recorded from the real kubectl v1.32.4 (Content-Type: application/vnd.kubernetes.protobuf). */
const BODIES = JSON.parse(
  readFileSync(new URL("fixtures/kubectl-1.32-protobuf-bodies.json", import.meta.url), "utf8"),
) as Record<string, string>;

function body(name: string): Uint8Array {
  return new Uint8Array(Buffer.from(BODIES[name] ?? "", "base64"));
}

test("kubectl debug node -it: the decoded Pod equals the JSON body kubectl 1.31 sends (transcript 41)", () => {
  const pod = decodeKubernetesProtobuf(body("debug-node-it-command"));
  const name = (at(pod, "metadata") as { name: string }).name;
  assert.match(name, /^node-debugger-node-1-[a-z0-9]{5}$/);
  assert.deepEqual(pod, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      volumes: [{ name: "host-root", hostPath: { path: "/" } }],
      containers: [
        {
          name: "debugger",
          image: "ubuntu",
          command: ["bash", "-c", "echo hi"],
          resources: {},
          volumeMounts: [{ name: "host-root", mountPath: "/host" }],
          terminationMessagePolicy: "File",
          stdin: true,
          tty: true,
        },
      ],
      restartPolicy: "Never",
      nodeName: "node-1",
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      tolerations: [{ operator: "Exists" }],
    },
    status: {},
  });
});

test("kubectl create deployment: replicas, selector and template, no zero-valued Go fields", () => {
  assert.deepEqual(decodeKubernetesProtobuf(body("create-deployment")), {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
      },
      strategy: {},
    },
  });
});

test("kubectl create secret and service: bytes as base64, IntOrString as a number", () => {
  assert.deepEqual(decodeKubernetesProtobuf(body("create-secret"))["data"], { a: "Yg==" });
  const service = decodeKubernetesProtobuf(body("create-service"));
  assert.deepEqual(at(service, "spec"), {
    ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080 }],
    selector: { app: "svc1" },
    type: "ClusterIP",
  });
});

test("every recorded create body is accepted by POST and stored", () => {
  const cluster = fixtureCluster();
  const routes: Record<string, string> = {
    "create-namespace": "/api/v1/namespaces",
    "create-configmap": "/api/v1/namespaces/default/configmaps",
    "create-secret": "/api/v1/namespaces/default/secrets",
    "create-job": "/apis/batch/v1/namespaces/default/jobs",
    "create-serviceaccount": "/api/v1/namespaces/default/serviceaccounts",
    "create-deployment": "/apis/apps/v1/namespaces/default/deployments",
    "debug-node-pod": "/api/v1/namespaces/default/pods",
  };
  for (const [name, path] of Object.entries(routes)) {
    const response = send(
      cluster,
      "POST",
      `${path}?fieldManager=kubectl-create&fieldValidation=Strict`,
      {
        contentType: "application/vnd.kubernetes.protobuf",
        body: body(name),
      },
    );
    assert.equal(response.status, 201, `${name}: ${response.body ?? ""}`);
    assert.ok(at(json(response), "metadata.uid"), name);
  }
});

test("a body without the k8s protobuf prefix is a BadRequest, not a crash", () => {
  const response = send(fixtureCluster(), "POST", "/api/v1/namespaces", {
    contentType: "application/vnd.kubernetes.protobuf",
    body: new Uint8Array([1, 2, 3, 4, 5]),
  });
  assert.equal(response.status, 400);
  assert.equal(at(json(response), "reason"), "BadRequest");
});
