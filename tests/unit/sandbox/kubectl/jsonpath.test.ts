/** kubectl's JSONPath dialect, with cases from the Kubernetes JSONPath support reference page. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileJsonPath } from "../../../../src/sandbox/kubectl/print/jsonpath.ts";
import { FixtureCluster, kubectl } from "./fixture.ts";

const doc = {
  kind: "List",
  items: [
    {
      kind: "None",
      metadata: { name: "127.0.0.1", labels: { "kubernetes.io/hostname": "127.0.0.1" } },
      status: {
        capacity: { cpu: "4" },
        addresses: [{ type: "LegacyHostIP", address: "127.0.0.1" }],
      },
    },
    {
      kind: "None",
      metadata: { name: "127.0.0.2" },
      status: {
        capacity: { cpu: "8" },
        addresses: [
          { type: "LegacyHostIP", address: "127.0.0.2" },
          { type: "another", address: "127.0.0.3" },
        ],
      },
    },
  ],
  users: [
    { name: "myself", user: {} },
    { name: "e2e", user: { username: "admin", password: "secret" } },
  ],
};

const CASES: [string, string][] = [
  ["{.kind}", "List"],
  ["{['kind']}", "List"],
  ["{..name}", "127.0.0.1 127.0.0.2 myself e2e"],
  ["{.items[*].metadata.name}", "127.0.0.1 127.0.0.2"],
  ["{.users[0].name}", "myself"],
  ["{.users[-1:].name}", "e2e"],
  ["{.items[0:1].metadata.name}", "127.0.0.1"],
  ['{.users[?(@.name=="e2e")].user.password}', "secret"],
  ["{.items[*]['metadata.name', 'status.capacity']}", ""],
  [
    "{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}",
    '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ',
  ],
  ['{range .items[*]}{.metadata.name}{"\\t"}{end}', "127.0.0.1\t127.0.0.2\t"],
  ["{.items[0].metadata.labels.kubernetes\\.io/hostname}", "127.0.0.1"],
  ['{.items[?(@.status.capacity.cpu>"5")].metadata.name}', ""],
  ["{.missing.field}", ""],
  ["names: {.items[*].metadata.name}!", "names: 127.0.0.1 127.0.0.2!"],
];

for (const [template, expected] of CASES) {
  test(`jsonpath ${template}`, () => {
    assert.equal(compileJsonPath(template).print(doc), expected);
  });
}

test("jsonpath with -o prints without a trailing newline (04-jsonpath)", async () => {
  const result = await kubectl(
    new FixtureCluster(),
    "kubectl get pods -o jsonpath={.items[*].spec.nodeName}",
  );
  assert.equal(result.stdout, "node-2");
});

test("a filter on conditions finds the Ready status", async () => {
  const result = await kubectl(
    new FixtureCluster(),
    `kubectl get pod webapp-6f7d8c9b5-abcde -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`,
  );
  assert.equal(result.stdout, "False");
});

test("a syntax error is kubectl's parse error, status 1", async () => {
  const result = await kubectl(new FixtureCluster(), "kubectl get pods -o jsonpath={.items");
  assert.equal(result.stderr, "error: error parsing jsonpath {.items, unclosed action\n");
  assert.equal(result.exitCode, 1);
});

test("custom-columns print a table of paths", async () => {
  const result = await kubectl(
    new FixtureCluster(),
    "kubectl get pods -A -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,RESTARTS:.status.containerStatuses[0].restartCount",
  );
  assert.equal(
    result.stdout,
    "NAME                     NODE     RESTARTS\nwebapp-6f7d8c9b5-abcde   node-2   6\nkube-proxy-x7k2p         node-2   0\n",
  );
});
