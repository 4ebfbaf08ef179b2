/**
 * kubectl create secret generic|docker-registry|tls, get and describe secrets. Expected texts are
 * what kubectl 1.32 printed for the same lines (offline with --dry-run=client, 2026-11-25, and
 * through `npm run conformance -- secret` against the API facade).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { TerminalSession } from "../../../../src/sandbox/shell/terminal-session.ts";
import { kubectl } from "./fixture.ts";

const FIXTURES = new URL("../../../conformance/manifests/secrets/", import.meta.url);
const files: Record<string, string> = Object.fromEntries(
  ["tls.crt", "tls.key", "other.key", "rsa.crt", "rsa.key", "db.env"].map((name) => [
    name,
    readFileSync(new URL(name, FIXTURES), "utf8"),
  ]),
);
files["f.txt"] = "hello";
files["e.env"] = "\uFEFFZ=0\nA=1\n# c\n  B=two words  \nC=\nD\n\tE= 5\n";
files["bad.env"] = "X=1\nexport C=3\n";

async function run(line: string) {
  const cluster = createCluster(scenario("runbook"), 1);
  return kubectl(cluster, line, {
    readFile: (path) => files[path],
    readDirectory: () => undefined,
  });
}

test("generic --dry-run=client -o yaml: base64 data, keys sorted, creationTimestamp null", async () => {
  const result = await run(
    "kubectl create secret generic s1 --from-literal=user=admin --from-literal=pass='p@ss w' --dry-run=client -o yaml",
  );
  assert.equal(
    result.stdout,
    "apiVersion: v1\ndata:\n  pass: cEBzcyB3\n  user: YWRtaW4=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s1\n",
  );
  assert.equal(result.exitCode, 0);
});

test("generic -o json keeps the typed Secret's field order", async () => {
  const result = await run(
    "kubectl create secret generic s -n x --from-literal=a=1 --dry-run=client -o json",
  );
  assert.equal(
    result.stdout,
    '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "s",\n        "namespace": "x",\n        "creationTimestamp": null\n    },\n    "data": {\n        "a": "MQ=="\n    }\n}\n',
  );
});

test("--from-env-file: a BOM, comments, blank lines, values kept as written, a bare key empty", async () => {
  const result = await run(
    "kubectl create secret generic s --from-env-file=e.env --dry-run=client -o json",
  );
  assert.match(
    result.stdout,
    /"data": \{\n {8}"A": "MQ==",\n {8}"B": "dHdvIHdvcmRzICA=",\n {8}"C": "",\n {8}"D": "",\n {8}"E": "IDU=",\n {8}"Z": "MA=="\n {4}\}/,
  );
  const bad = await run("kubectl create secret generic s --from-env-file=bad.env");
  assert.equal(
    bad.stderr,
    `error: "export C" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
  );
  assert.equal(bad.exitCode, 1);
});

test("generic: kubectl's errors for sources, keys and names", async () => {
  const cases: [string, string][] = [
    ["--from-literal=a", "error: invalid literal source a, expected key=value\n"],
    ["--from-literal==b", "error: invalid literal source =b, expected key=value\n"],
    ["--from-literal=.=1", `error: "." is not valid key name for a Secret must not be '.'\n`],
    [
      "--from-literal=..a=1",
      `error: "..a" is not valid key name for a Secret must not start with '..'\n`,
    ],
    [
      "--from-literal=a=1 --from-literal=a=2",
      "error: cannot add key a, another key by that name already exists\n",
    ],
    [
      "--from-file=f.txt --from-file=f.txt",
      "error: cannot add key f.txt, another key by that name already exists\n",
    ],
    ["--from-file=missing", "error: error reading missing: no such file or directory\n"],
    ["--from-file=a=b=c", "error: key names or file paths cannot contain '='\n"],
    ["--from-file==f.txt", "error: key name for file path f.txt missing\n"],
    ["--from-file=k=", "error: file path for key name k missing\n"],
    [
      "--from-env-file=e.env --from-literal=a=b",
      "error: from-env-file cannot be combined with from-file or from-literal\n",
    ],
    ["--from-env-file=nofile", "error: error reading nofile: no such file or directory\n"],
    [
      "--docker-username=u",
      "error: unknown flag: --docker-username\nSee 'kubectl create secret generic --help' for usage.\n",
    ],
  ];
  for (const [flags, expected] of cases) {
    const result = await run(`kubectl create secret generic s ${flags} --dry-run=client`);
    assert.equal(result.stderr, expected, flags);
    assert.equal(result.exitCode, 1, flags);
  }
  const bogus = await run("kubectl create secret generic s --from-literal=a=1 --dry-run=bogus");
  assert.equal(
    bogus.stderr,
    'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n',
  );
  const noName = await run("kubectl create secret generic --from-literal=a=1");
  assert.equal(
    noName.stderr,
    "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n",
  );
  const unknown = await run("kubectl create secret opaque db -n x extra");
  assert.equal(
    unknown.stderr,
    `error: unknown command "opaque db extra"\nSee 'kubectl create secret -h' for help and examples\n`,
  );
});

test("docker-registry: the .dockerconfigjson kubectl writes, and its required flags", async () => {
  const result = await run(
    "kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x.io --dry-run=client -o yaml",
  );
  assert.equal(
    result.stdout,
    "apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiZW1haWwiOiJlQHguaW8iLCJhdXRoIjoiZFRwdyJ9fX0=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: reg\ntype: kubernetes.io/dockerconfigjson\n",
  );
  const missing = await run("kubectl create secret docker-registry reg --docker-password=p");
  assert.equal(
    missing.stderr,
    "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n",
  );
  const literal = await run("kubectl create secret docker-registry reg --from-literal=a=b");
  assert.equal(
    literal.stderr,
    "error: unknown flag: --from-literal\nSee 'kubectl create secret docker-registry --help' for usage.\n",
  );
});

test("tls: the key pair is checked as Go's tls.X509KeyPair does", async () => {
  const ok = await run(
    "kubectl create secret tls t --cert=rsa.crt --key=rsa.key --dry-run=client -o name",
  );
  assert.equal(ok.stdout, "secret/t\n");
  const cases: [string, string][] = [
    ["--cert=tls.crt", "error: key and cert must be specified\n"],
    [
      "--cert=nofile --key=tls.key",
      "error: Cannot read file nofile, open nofile: no such file or directory\n",
    ],
    ["--cert=tls.crt --key=other.key", "error: tls: private key does not match public key\n"],
    [
      "--cert=rsa.crt --key=tls.key",
      "error: tls: private key type does not match public key type\n",
    ],
    [
      "--cert=f.txt --key=tls.key",
      "error: tls: failed to find any PEM data in certificate input\n",
    ],
    ["--cert=tls.crt --key=f.txt", "error: tls: failed to find any PEM data in key input\n"],
    [
      "--cert=tls.key --key=tls.crt",
      "error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n",
    ],
    [
      "--cert=tls.crt --key=tls.crt",
      "error: tls: found a certificate rather than a key in the PEM for the private key\n",
    ],
  ];
  for (const [flags, expected] of cases) {
    const result = await run(`kubectl create secret tls t ${flags}`);
    assert.equal(result.stderr, expected, flags);
    assert.equal(result.exitCode, 1, flags);
  }
});

test("a created secret: get shows NAME TYPE DATA AGE, describe sizes only, a second create fails", async () => {
  const cluster = createCluster(scenario("runbook"), 1);
  const created = await kubectl(
    cluster,
    "kubectl create secret generic db --from-literal=user=admin --from-literal=password=s3cr3t",
  );
  assert.equal(created.stdout, "secret/db created\n");
  const get = await kubectl(cluster, "kubectl get secrets");
  assert.match(get.stdout, /^NAME {3}TYPE {5}DATA {3}AGE\ndb {5}Opaque {3}2 {6}0s\n$/);
  const described = await kubectl(cluster, "kubectl describe secret db");
  assert.equal(
    described.stdout,
    "Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n",
  );
  assert.doesNotMatch(described.stdout, /admin|s3cr3t/);
  const again = await kubectl(cluster, "kubectl create secret generic db --from-literal=user=root");
  assert.equal(again.stderr, 'error: failed to create secret secrets "db" already exists\n');
  assert.equal(again.exitCode, 1);
});

test("in the terminal: a value read back through base64 -d, and a directory as --from-file", async () => {
  const session = new TerminalSession({ scenario: "runbook", seed: 1, cols: 120, rows: 40 });
  await session.runLine("kubectl create secret generic db --from-literal=user=admin");
  const value = await session.runLine(
    "kubectl get secret db -o jsonpath='{.data.user}' | base64 -d",
  );
  assert.equal(value.output, "admin");
  await session.runLine("mkdir keys && echo x > keys/one && echo y > keys/two && mkdir keys/sub");
  const fromDirectory = await session.runLine(
    "kubectl create secret generic s --from-file=keys --dry-run=client -o yaml",
  );
  assert.equal(
    fromDirectory.output,
    "apiVersion: v1\ndata:\n  one: eAo=\n  two: eQo=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n",
  );
  const keyed = await session.runLine("kubectl create secret generic s --from-file=k=keys");
  assert.equal(keyed.output, "error: cannot give a key name for a directory path\n");
  session.dispose();
});
