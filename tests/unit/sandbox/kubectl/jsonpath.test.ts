/** kubectl's JSONPath dialect, with cases from the Kubernetes JSONPath support reference page. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileJsonPath } from "../../../../src/sandbox/kubectl/print/jsonpath.ts";
import { runKubectl } from "../../../../src/sandbox/kubectl/index.ts";
import { FixtureCluster, kubectl } from "./fixture.ts";

/** One kubectl run with its arguments given as is (templates hold quotes and spaces). */
async function kubectlArgs(
  argv: string[],
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runKubectl(argv, {
    cluster: new FixtureCluster(),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: () => undefined,
    namespace: "default",
    columns: 120,
    isTTY: false,
    signal: AbortSignal.abort(),
  });
  return { stdout, stderr, exitCode };
}

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
  // A union runs each member over all items (kubectl 1.32 printed node names, then capacities).
  [
    "{.items[*]['metadata.name', 'status.capacity']}",
    '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}',
  ],
  [
    "{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}",
    '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ',
  ],
  ['{range .items[*]}{.metadata.name}{"\\t"}{end}', "127.0.0.1\t127.0.0.2\t"],
  ["{.items[0].metadata.labels.kubernetes\\.io/hostname}", "127.0.0.1"],
  // Filters compare strings as text/template does ("8" > "5").
  ['{.items[?(@.status.capacity.cpu>"5")].metadata.name}', "127.0.0.2"],
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

/** What kubectl 1.32 printed for these templates (-o jsonpath=T on a pod, 2026-11-25). */
const REAL: [string, { stdout?: string; error?: string }][] = [
  ["{.metadata.name", { error: "error parsing jsonpath {.metadata.name, unclosed action" }],
  ["{.kind}{", { error: "error parsing jsonpath {.kind}{, unclosed action" }],
  [
    "{.spec.containers[0}",
    { error: "error parsing jsonpath {.spec.containers[0}, unterminated array" },
  ],
  [
    "{.spec.containers[a]}",
    { error: "error parsing jsonpath {.spec.containers[a]}, invalid array index a" },
  ],
  [
    "{.spec.containers[1:x]}",
    { error: "error parsing jsonpath {.spec.containers[1:x]}, invalid array index 1:x" },
  ],
  [
    '{.metadata.labels["app"]}',
    { error: 'error parsing jsonpath {.metadata.labels["app"]}, invalid array index "app"' },
  ],
  ['{"abc}', { error: 'error parsing jsonpath {"abc}, unterminated quoted string' }],
  [
    '{.spec.containers[?(@.name=="webapp"].image}',
    {
      error:
        'error parsing jsonpath {.spec.containers[?(@.name=="webapp"].image}, unterminated filter',
    },
  ],
  [
    "{.spec.containers[?(!@.ports)].name}",
    {
      error:
        "error parsing jsonpath {.spec.containers[?(!@.ports)].name}, unrecognized character in action: U+0021 '!'",
    },
  ],
  [
    "{{.kind}}",
    { error: "error parsing jsonpath {{.kind}}, unrecognized character in action: U+007B '{'" },
  ],
  ["{.metadata.name}}", { stdout: "webapp-6f7d8c9b5-abcde}" }],
  ["{.spec.containers[0].foo()}", { stdout: "" }],
  ["{range .spec.containers[*]}{.name}", { stdout: "webapp" }],
  ["{.spec.containers[-1].name}{'\\n'}", { stdout: "webapp\n" }],
  ["{.status.conditions[0].lastProbeTime}", { stdout: "null" }],
  ["{.metadata.labels.app\\.x}", { stdout: "" }],
  ["plain text", { stdout: "plain text" }],
];

for (const [template, expected] of REAL) {
  test(`kubectl -o jsonpath=${template}`, async () => {
    const run = await kubectlArgs([
      "get",
      "pod",
      "webapp-6f7d8c9b5-abcde",
      "-o",
      `jsonpath=${template}`,
    ]);
    if (expected.error !== undefined) {
      assert.deepEqual(
        [run.stdout, run.stderr, run.exitCode],
        ["", `error: ${expected.error}\n`, 1],
      );
    } else assert.deepEqual([run.stdout, run.stderr], [expected.stdout, ""]);
  });
}

test("execution errors: the message, the template and Go's %#v of the object, on stderr", async () => {
  const cases: [string, string][] = [
    ["{.spec.containers[5].name}", "array index out of bounds: index 5, length 1"],
    ["{.spec.containers[-5]}", "array index out of bounds: index -4, length 1"],
    ["{.spec.containers[0:1:0]}", "step must be > 0"],
    ["{.metadata[0]}", "map[string]interface {} is not array or slice"],
    ["{.metadata.name[0]}", "string is not array or slice"],
    ["{end}", "not in range, nothing to end"],
    ["{len(.spec.containers)}", "unrecognized identifier len("],
    ["{.spec.containers[?(@.name==webapp)].image}", "unrecognized identifier webapp"],
    ["{.spec.containers[?(@.name==1)].name}", "incompatible types for comparison"],
  ];
  for (const [template, message] of cases) {
    const run = await kubectlArgs([
      "get",
      "pod",
      "webapp-6f7d8c9b5-abcde",
      "-o",
      `jsonpath=${template}`,
    ]);
    assert.equal(run.stdout, "", template);
    assert.ok(
      run.stderr.startsWith(
        `error: error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{`,
      ),
      `${template}: ${run.stderr.slice(0, 300)}`,
    );
    assert.ok(run.stderr.endsWith("}}\n\n\n"), template);
  }
});
