/**
 * Tab completion of object names, as bash offers them with `source <(kubectl completion bash)`:
 * kubectl's completion functions (pkg/cmd/util/completion) list the names of the cluster's
 * objects, so `kubectl describe pod web<Tab>` reaches the common prefix of the webapp pods,
 * `kubectl describe node no<Tab><Tab>` lists `node-1  node-2  node-3`, `-n kube<Tab><Tab>` the
 * kube-* namespaces and `kubectl debug node/n<Tab><Tab>` the `node/NAME` words.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { clusterObjectNames, completeLine } from "../../../../src/sandbox/shell/completion.ts";
import type { CompletionSources } from "../../../../src/sandbox/shell/completion.ts";
import { session, typeInto } from "./helpers.ts";

const terminal = session();
const sources: CompletionSources = {
  commands: ["kubectl", "ls"],
  paths: ["/home/learner/pod.yaml"],
  cwd: "/home/learner",
  objectNames: clusterObjectNames(terminal.cluster),
};

/** What Tab may offer for the word at the end of `line`, filtered by that word as bash does. */
function offered(line: string): string[] {
  const { from, candidates } = completeLine(line, line.length, sources);
  const word = line.slice(from);
  return candidates.filter((candidate) => candidate.startsWith(word));
}

const webappPods = (): string[] =>
  terminal.cluster.store
    .list("pods", { namespace: "default" })
    .map((pod) => pod.metadata?.name ?? "")
    .filter((name) => name.startsWith("webapp-"));

test("pod names after a pod type and for logs/exec, in the default namespace", () => {
  const pods = webappPods();
  assert.ok(pods.length > 1);
  assert.deepEqual(offered("kubectl describe pod web"), pods);
  assert.deepEqual(offered("kubectl get po web"), pods);
  assert.deepEqual(offered("kubectl logs web"), pods);
  assert.deepEqual(offered("kubectl exec -it web"), pods);
  assert.deepEqual(offered("k logs web"), pods);
});

test("a name already on the line is not offered again (ResourceTypeAndNameCompletionFunc)", () => {
  const [first = ""] = webappPods();
  assert.ok(!offered(`kubectl delete pod ${first} web`).includes(first));
});

test("node names after node types and for cordon, uncordon, drain", () => {
  assert.deepEqual(offered("kubectl describe node no"), ["node-1", "node-2", "node-3"]);
  assert.deepEqual(offered("kubectl get nodes "), ["node-1", "node-2", "node-3"]);
  assert.deepEqual(offered("kubectl cordon node-"), ["node-1", "node-2", "node-3"]);
  assert.deepEqual(offered("kubectl drain --ignore-daemonsets n"), ["node-1", "node-2", "node-3"]);
});

test("namespaces after -n and --namespace=, and -n scopes the names", () => {
  const kube = ["kube-node-lease", "kube-public", "kube-system"];
  assert.deepEqual(offered("kubectl get pods -n kube"), kube);
  assert.deepEqual(offered("kubectl get pods --namespace kube"), kube);
  const line = "kubectl get pods --namespace=kube";
  const { from } = completeLine(line, line.length, sources);
  assert.equal(line.slice(from), "kube");
  assert.deepEqual(offered(line), kube);
  const systemPods = offered("kubectl -n kube-system get pods ");
  assert.ok(systemPods.length > 0);
  assert.ok(systemPods.every((name) => !name.startsWith("webapp-")));
  assert.ok(offered("kubectl get pods -A kube-proxy").length > 0);
  assert.deepEqual(offered("kubectl get pods kube-proxy"), []);
});

test("TYPE/NAME words: debug node/NAME, logs deploy/NAME, rollout status deploy/NAME", () => {
  assert.deepEqual(offered("kubectl debug node/n"), ["node/node-1", "node/node-2", "node/node-3"]);
  assert.deepEqual(offered("kubectl logs deploy/"), ["deploy/webapp"]);
  assert.deepEqual(offered("kubectl rollout status deploy/"), ["deploy/webapp"]);
  assert.deepEqual(offered("kubectl rollout st"), ["status"]);
  assert.deepEqual(offered("kubectl get deployments "), ["webapp"]);
});

test("types, flags and files still complete as before", () => {
  assert.deepEqual(offered("kubectl get po").sort(), ["po", "pods"]);
  assert.deepEqual(offered("kubectl get pods --field-sel"), ["--field-selector="]);
  assert.deepEqual(offered("kubectl apply -f po"), ["pod.yaml"]);
  assert.deepEqual(offered("kubectl describe nosuchtype x"), []);
});

test("without the cluster's names kubectl completes none", () => {
  const line = "kubectl describe node no";
  const { commands, paths, cwd } = sources;
  const { candidates } = completeLine(line, line.length, { commands, paths, cwd });
  assert.deepEqual([...candidates], []);
});

test("in the terminal, Tab completes and lists the cluster's names", async () => {
  const live = session();
  const common = await typeInto(live, "kubectl describe node no\t");
  assert.match(common, /node-$/);
  const listing = await typeInto(live, "\t");
  assert.match(listing, /node-1 +node-2 +node-3/);
  await typeInto(live, "\x03");
  const pod = await typeInto(live, "kubectl logs web\t");
  assert.match(pod, /webapp-[a-z0-9]+-$/);
});

test("container names after -c / --container= for a pod (CompGetContainers)", () => {
  const [pod = ""] = webappPods();
  const spec = terminal.cluster.store
    .list("pods", { namespace: "default" })
    .find((object) => object.metadata?.name === pod) as
    { spec?: { containers: { name: string }[] } } | undefined;
  const containers = (spec?.spec?.containers ?? []).map((container) => container.name);
  assert.ok(containers.length > 0);
  assert.deepEqual(offered(`kubectl logs ${pod} -c `), containers);
  assert.deepEqual(offered(`kubectl exec -it ${pod} --container=`), containers);
  assert.deepEqual(offered("kubectl logs nosuchpod -c "), []);
});
