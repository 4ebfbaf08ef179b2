/**
 * Command-line mistakes and missing objects: the texts and exit statuses were printed by the real
 * kubectl v1.32 (client-side errors need no server; server errors are from the transcripts and
 * ../shared/reference/real-output.md).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FixtureCluster, kubectl } from "./fixture.ts";

const CASES: [string, string][] = [
  ["kubectl gte pods", 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n'],
  ["kubectl get pods --foo", "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
  [
    "kubectl get pods -z",
    "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
  ],
  [
    "kubectl get pods -n",
    "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
  ],
  [
    "kubectl get",
    `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`,
  ],
  [
    "kubectl get pods/x pods",
    "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
  ],
  [
    "kubectl logs",
    "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
  ],
  [
    "kubectl describe",
    'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
  ],
  [
    "kubectl delete",
    "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
  ],
  ["kubectl run x", 'error: required flag(s) "image" not set\n'],
  [
    "kubectl cordon",
    "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n",
  ],
  [
    "kubectl drain",
    "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n",
  ],
  ["kubectl debug", "error: you must specify --image when not using --copy-to.\n"],
  ["kubectl exec", "error: pod, type/name or --filename must be specified\n"],
  ["kubectl get foo", 'error: the server doesn\'t have a resource type "foo"\n'],
  ["kubectl get pods nope", 'Error from server (NotFound): pods "nope" not found\n'],
  ["kubectl get deploy nope", 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ["kubectl describe pod nope", 'Error from server (NotFound): pods "nope" not found\n'],
  [
    "kubectl logs nope",
    'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
  ],
  ["kubectl delete pod nope", 'Error from server (NotFound): pods "nope" not found\n'],
  ["kubectl cordon node-9", 'Error from server (NotFound): nodes "node-9" not found\n'],
];

for (const [line, expected] of CASES) {
  test(`error: ${line}`, async () => {
    const result = await kubectl(new FixtureCluster(), line);
    assert.equal(result.stderr, expected);
    assert.equal(result.stdout, "");
    assert.equal(result.exitCode, 1);
  });
}

test("an empty namespace says so on stderr and succeeds", async () => {
  const result = await kubectl(new FixtureCluster(), "kubectl get pods -n empty");
  assert.equal(result.stderr, "No resources found in empty namespace.\n");
  assert.equal(result.exitCode, 0);
});

test("flags go anywhere, with = or a space, and short names resolve", async () => {
  const a = await kubectl(new FixtureCluster(), "kubectl -n kube-system get po");
  const b = await kubectl(new FixtureCluster(), "kubectl get --namespace=kube-system pods");
  const c = await kubectl(new FixtureCluster(), "kubectl get pod -nkube-system");
  assert.match(a.stdout, /kube-proxy-x7k2p/);
  assert.equal(a.stdout, b.stdout);
  assert.equal(a.stdout, c.stdout);
});

test("kubectl alone lists the commands, as kubectl v1.32 does", async () => {
  const result = await kubectl(new FixtureCluster(), "kubectl");
  assert.match(result.stdout, /^kubectl controls the Kubernetes cluster manager\.\n/);
  assert.match(
    result.stdout,
    /\n {2}debug {11}Create debugging sessions for troubleshooting workloads and nodes\n/,
  );
  assert.equal(result.exitCode, 0);
});

test("COMMAND --help prints the usage instead of running", async () => {
  const result = await kubectl(new FixtureCluster(), "kubectl logs --help");
  assert.equal(
    result.stdout,
    'Print the logs for a container in a pod.\n\nUsage:\n  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
  );
});
