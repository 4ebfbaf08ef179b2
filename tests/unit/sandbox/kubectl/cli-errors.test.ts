/**
 * Errors cobra and pflag raise before a command runs, as kubectl 1.32 (kubectl.1.32, offline,
 * 2026-11-25) prints them: `error: ...` (the gcloud dispatcher at /usr/bin/kubectl re-reports
 * these as `Error: ...`, so they are not conformance lines), suggestions in registration order,
 * and the API server's validation of a patched image.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { kubectl } from "./fixture.ts";

async function run(line: string) {
  return kubectl(createCluster(scenario("runbook"), 1), line);
}

test("pflag errors: a missing value, an unknown flag, a bad number", async () => {
  const cases: [string, string][] = [
    [
      "kubectl get pods -o",
      "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n",
    ],
    [
      "kubectl get pods --sort-by",
      "error: flag needs an argument: --sort-by\nSee 'kubectl get --help' for usage.\n",
    ],
    [
      "kubectl get pods --bogus",
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
    ],
    [
      "kubectl get pods -x",
      "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n",
    ],
    [
      "kubectl version --short",
      "error: unknown flag: --short\nSee 'kubectl version --help' for usage.\n",
    ],
    [
      "kubectl logs p --tail=x",
      `error: invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee 'kubectl logs --help' for usage.\n`,
    ],
  ];
  for (const [line, expected] of cases) {
    const result = await run(line);
    assert.equal(result.stderr, expected, line);
    assert.equal(result.exitCode, 1, line);
  }
});

test("unknown commands: cobra's suggestions in kubectl's registration order", async () => {
  const typo = await run("kubectl gett pods");
  assert.equal(
    typo.stderr,
    'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n',
  );
  const foo = await run("kubectl foo");
  assert.equal(
    foo.stderr,
    'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n',
  );
});

test("a command group without its subcommand prints the group's help and fails", async () => {
  const rollout = await run("kubectl rollout");
  assert.match(rollout.stdout, /^Manage the rollout of one or many resources\./);
  assert.equal(rollout.exitCode, 1);
  const config = await run("kubectl config");
  assert.match(config.stderr, /^Modify kubeconfig files using subcommands/);
  assert.equal(config.exitCode, 1);
});

test("set image to an empty image: the API server's Required value, nothing changed", async () => {
  const cluster = createCluster(scenario("runbook"), 1);
  const result = await kubectl(cluster, "kubectl set image deployment/webapp webapp=");
  assert.equal(
    result.stderr,
    'error: failed to patch image update to pod template: Deployment.apps "webapp" is invalid: spec.template.spec.containers[0].image: Required value\n',
  );
  assert.equal(result.exitCode, 1);
  const image = await kubectl(
    cluster,
    "kubectl get deploy webapp -o jsonpath={.spec.template.spec.containers[0].image}",
  );
  assert.equal(image.stdout, "registry.example.com/webapp:1.4.2");
});
