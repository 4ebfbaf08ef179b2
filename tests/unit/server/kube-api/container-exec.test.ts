import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import {
  attachSpecOf,
  containerExecRunner,
} from "../../../../src/server/kube-api/container-exec.ts";
import type { ExecRequest } from "../../../../src/server/kube-api/streams.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";

/** The pod `kubectl debug node/NODE -it --image=ubuntu` posts (transcript 41, decoded protobuf). */
function nodeDebugPod(node: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `node-debugger-${node}-abcde`, namespace: "default" },
    spec: {
      volumes: [{ name: "host-root", hostPath: { path: "/" } }],
      containers: [
        {
          name: "debugger",
          image: "ubuntu",
          stdin: true,
          tty: true,
          volumeMounts: [{ name: "host-root", mountPath: "/host" }],
          terminationMessagePolicy: "File",
        },
      ],
      restartPolicy: "Never",
      nodeName: node,
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      tolerations: [{ operator: "Exists" }],
    },
  };
}

const ATTACH: Omit<ExecRequest, "pod" | "nodeName"> = {
  kind: "attach",
  namespace: "default",
  container: "debugger",
  command: [],
  stdin: true,
  tty: true,
};

test("a node debug pod is attached as a node-debug shell; exec keeps its command", () => {
  const pod = nodeDebugPod("node-2");
  const request = { ...ATTACH, pod: "node-debugger-node-2-abcde", nodeName: "node-2" };
  assert.deepEqual(attachSpecOf(pod, request), {
    kind: "node-debug",
    namespace: "default",
    pod: "node-debugger-node-2-abcde",
    container: "debugger",
    node: "node-2",
    image: "ubuntu",
    interactive: true,
  });
  const exec = attachSpecOf(pod, {
    ...request,
    kind: "exec",
    command: ["sh", "-c", "exit 3"],
    stdin: false,
  });
  assert.deepEqual([exec.command, exec.interactive], [["sh", "-c", "exit 3"], false]);
});

test("an interactive attach echoes keystrokes, runs each line, and ends with exit's status", async () => {
  const cluster = createCluster(scenario("runbook"), 1);
  cluster.create("pods", nodeDebugPod("node-2"));
  const output: string[] = [];
  const listeners: ((data: string) => void)[] = [];
  const done = containerExecRunner(cluster)(
    { ...ATTACH, pod: "node-debugger-node-2-abcde", nodeName: "node-2" },
    {
      stdout: (text) => output.push(text),
      stderr: (text) => output.push(text),
      onStdin: (listener) => listeners.push(listener),
      signal: new AbortController().signal,
    },
  );
  const prompts = (): number => output.join("").split("root@node-2:/# ").length - 1;
  for (const listener of listeners) listener("hostnamx\u007fe\r");
  // The next line is typed once the shell has answered and drawn its prompt again.
  while (prompts() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  for (const listener of listeners) listener("exit 4\r");
  assert.equal(await done, 4);
  const screen = output.join("");
  assert.ok(screen.startsWith("root@node-2:/# "), screen);
  assert.ok(screen.includes("hostnamx\b \be\r\nnode-2\r\n"), JSON.stringify(screen));
  assert.ok(screen.endsWith("exit\r\n"));
});
