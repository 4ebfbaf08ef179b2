/**
 * -o go-template: every expected text below is what the real kubectl v1.32 printed for the same
 * template over the same kind of object (recorded against the sandbox API, 2026-11-25);
 * tests/conformance/corpus.ts runs the full commands through both kubectls.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sprintf } from "../../../../src/sandbox/kubectl/print/go-fmt.ts";
import {
  compileGoTemplate,
  GoTemplateError,
  GoTemplateExecutionError,
} from "../../../../src/sandbox/kubectl/print/go-template.ts";
import { FixtureCluster, kubectl } from "./fixture.ts";

const POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", labels: { "pod-template-hash": "mq4x6b6ftr", app: "webapp" } },
  spec: {
    priority: 0,
    terminationGracePeriodSeconds: 30,
    containers: [{ name: "webapp", ports: [{ containerPort: 8080, protocol: "TCP" }] }],
  },
  status: {
    phase: "Running",
    conditions: [{ type: "Ready", status: "True", lastProbeTime: null }],
    containerStatuses: [{ name: "webapp", lastState: { terminated: { exitCode: 128 } } }],
  },
};

function render(template: string, options?: { allowMissingKeys?: boolean }): string {
  return compileGoTemplate(template).execute(POD, options);
}

test("fields, range, with, if/else, variables and whitespace trimming", () => {
  const cases: [string, string][] = [
    ['{{.metadata.name}}{{"\\n"}}', "web\n"],
    ["{{range .status.containerStatuses}}{{.lastState.terminated.exitCode}}{{end}}", "128"],
    [
      "{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}",
      "app=webapp;pod-template-hash=mq4x6b6ftr;",
    ],
    ["{{range $i, $c := .spec.containers}}{{$i}}:{{$c.name}} {{end}}", "0:webapp "],
    ["{{with .status}}{{.phase}}{{end}}-{{with .nope}}x{{else}}none{{end}}", "Running-none"],
    ['{{range .spec.containers}}{{if eq .name "webapp"}}yes{{end}}{{end}}', "yes"],
    ["{{if and .kind .nope}}y{{else}}n{{end}} {{or .nope .kind}} {{not .kind}}", "n Pod false"],
    ['{{ $x := 1 }}{{ $x = "a" }}{{$x}}', "a"],
    ['{{- " a " -}}  {{- .kind}}', " a Pod"],
    ["{{/* c */}}ok", "ok"],
    ["{{range .spec.containers}}{{break}}{{end}}ok", "ok"],
    ["{{range .nothing}}x{{else}}empty{{end}}", "empty"],
  ];
  for (const [template, expected] of cases) assert.equal(render(template), expected, template);
});

test("values print as Go's fmt does: maps sorted, nil, <no value>, int64 and float64", () => {
  assert.equal(render("{{.metadata.labels}}"), "map[app:webapp pod-template-hash:mq4x6b6ftr]");
  assert.equal(
    render("{{.spec.containers}}"),
    "[map[name:webapp ports:[map[containerPort:8080 protocol:TCP]]]]",
  );
  assert.equal(
    render("{{.status.conditions}}"),
    "[map[lastProbeTime:<nil> status:True type:Ready]]",
  );
  assert.equal(render("{{.missing}} {{.metadata.missing.deeper}}"), "<no value> <no value>");
  // A null field is "no value" at the end of a pipeline; a missing map key through index too.
  assert.equal(render("{{(index .status.conditions 0).lastProbeTime}}"), "<no value>");
  assert.equal(render('{{index .metadata.labels "zzz"}}'), "<no value>");
  assert.equal(
    render("{{ 1000000.0 }} {{ 1e6 }} {{ 123456789 }} {{ 2.5 }}"),
    "1e+06 1e+06 123456789 2.5",
  );
  assert.equal(
    render("{{len .spec.containers}} {{len .kind}} {{eq .spec.priority 0}}"),
    "1 3 true",
  );
  assert.equal(render('{{print .kind 1 2 "a" "b" 3}}|{{println .kind}}|'), "Pod1 2ab3|Pod\n|");
  assert.equal(render('{{exists . "spec" "containers"}} {{exists . "spec" "nope"}}'), "true false");
});

test("printf: verbs, flags, and fmt's complaints about wrong or missing operands", () => {
  assert.equal(
    render(
      '{{printf "%d|%v|%s|%5.2f|%x" .spec.terminationGracePeriodSeconds .spec.terminationGracePeriodSeconds .kind 3.14159 255}}',
    ),
    "30|30|Pod| 3.14|ff",
  );
  assert.equal(render('{{printf "%d %s" .kind}}'), "%!d(string=Pod) %!s(MISSING)");
  assert.equal(render('{{printf "%s" .kind .spec.priority}}'), "Pod%!(EXTRA int64=0)");
  assert.equal(
    render('{{printf "%q %v %5s|%-5s|%05d" "é\\t" .metadata.labels "ab" "ab" 42}}'),
    '"é\\t" map[app:webapp pod-template-hash:mq4x6b6ftr]    ab|ab   |00042',
  );
  assert.equal(render('{{ .kind | printf "%s-%s" "a" }}'), "a-Pod");
  assert.equal(
    sprintf("%.3g|%e|%08.3f|%+d", [1234.5, 0.000123, -3.14159, 7n]),
    "1.23e+03|1.230000e-04|-003.142|+7",
  );
});

test("parse errors carry text/template's messages", () => {
  const parseError = (template: string): string => {
    try {
      compileGoTemplate(template);
    } catch (error) {
      assert.ok(error instanceof GoTemplateError);
      return error.message;
    }
    return "no error";
  };
  const cases: [string, string][] = [
    ["{{.metadata.name", "unclosed action"],
    ["{{range .items}}", "unexpected EOF"],
    ["{{end}}", "unexpected {{end}}"],
    ["{{foo .x}}", 'function "foo" not defined'],
    ["{{ .kind | foo }}", 'function "foo" not defined'],
    ["{{.a}", "bad character U+007D '}'"],
    ["{{}}", "missing value for command"],
    ["{{if}}x{{end}}", "missing value for if"],
    ["{{$x}}", 'undefined variable "$x"'],
    ["{{.a,}}", 'unexpected "," in operand'],
    ["{{.a end}}", "unexpected <end> in operand"],
    ['{{"abc}}', "unterminated quoted string"],
    ["{{range .a}}{{else}}{{else}}{{end}}", "expected end; found {{else}}"],
    ["{{ .kind | 3 }}", "non executable command in pipeline stage 2"],
    ["{{break}}", "{{break}} outside {{range}}"],
    ["{{(1}}", "unclosed left paren"],
    ["{{1)}}", "unexpected right paren"],
  ];
  for (const [template, message] of cases)
    assert.equal(parseError(template), `template: output:1: ${message}`, template);
  assert.equal(parseError("a\n{{end}}"), "template: output:2: unexpected {{end}}");
});

test("execution errors name the node and its position; the output so far is kept", () => {
  const executionError = (template: string, allowMissingKeys = true): [string, string] => {
    try {
      render(template, { allowMissingKeys });
    } catch (error) {
      assert.ok(error instanceof GoTemplateExecutionError);
      return [error.message, error.partial];
    }
    return ["no error", ""];
  };
  const at = (where: string, node: string, message: string): string =>
    `template: output:${where}: executing "output" at <${node}>: ${message}`;
  assert.deepEqual(executionError("{{.kind.x}}"), [
    at("1:7", ".kind.x", "can't evaluate field x in type interface {}"),
    "",
  ]);
  assert.deepEqual(
    executionError("{{.metadata.labels.app.x}}")[0],
    at("1:11", ".metadata.labels.app.x", "can't evaluate field x in type interface {}"),
  );
  assert.deepEqual(
    executionError("{{index .spec.containers 5}}")[0],
    at("1:2", "index .spec.containers 5", "error calling index: index out of range: 5"),
  );
  assert.deepEqual(
    executionError('{{index .spec.containers "a"}}')[0],
    at(
      "1:2",
      'index .spec.containers "a"',
      "error calling index: cannot index slice/array with type string",
    ),
  );
  assert.deepEqual(
    executionError("{{index .nope 0}}")[0],
    at("1:2", "index .nope 0", "error calling index: index of untyped nil"),
  );
  assert.deepEqual(
    executionError("{{len .spec.priority}}")[0],
    at("1:2", "len .spec.priority", "error calling len: len of type int64"),
  );
  assert.deepEqual(
    executionError("{{range .kind}}x{{end}}")[0],
    at("1:8", ".kind", "range can't iterate over Pod"),
  );
  assert.deepEqual(
    executionError("{{eq .kind 3}}")[0],
    at("1:2", "eq .kind 3", "error calling eq: incompatible types for comparison"),
  );
  assert.deepEqual(
    executionError("{{lt 1.5 2}}")[0],
    at("1:2", "lt 1.5 2", "error calling lt: incompatible types for comparison"),
  );
  assert.deepEqual(
    executionError("{{ 3 .kind }}")[0],
    at("1:3", "3", "can't give argument to non-function 3"),
  );
  assert.deepEqual(
    executionError('{{template "x"}}')[0],
    at("1:11", '{{template "x"}}', 'template "x" not defined'),
  );
  assert.deepEqual(
    executionError("{{.nope}}", false)[0],
    at("1:2", ".nope", 'map has no entry for key "nope"'),
  );
  assert.deepEqual(executionError("ok {{.kind}}|{{.kind.x}}")[1], "ok Pod|");
});

test("kubectl get: parse errors, the execution dump on stdout, -file and --template", async () => {
  const cluster = new FixtureCluster();
  const bad = await kubectl(cluster, "kubectl get nodes -o go-template='{{.metadata.name'");
  assert.deepEqual(
    [bad.stdout, bad.stderr, bad.exitCode],
    [
      "",
      "error: error parsing template {{.metadata.name, template: output:1: unclosed action\n",
      1,
    ],
  );
  const failing = await kubectl(
    cluster,
    "kubectl get node node-1 -o go-template='{{.kind}} {{.kind.x}}'",
  );
  assert.equal(failing.exitCode, 1);
  assert.match(
    failing.stdout,
    /^Node Error executing template: template: output:1:17: executing "output" at <\.kind\.x>: can't evaluate field x in type interface \{\}\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\{\.kind\}\} \{\{\.kind\.x\}\}\n\traw data was:\n\t\t\{"apiVersion":"v1","kind":"Node",.*\n\tobject given to template engine was:\n\t\tmap\[apiVersion:v1 kind:Node .*\]\n\n$/,
  );
  assert.equal(
    failing.stderr,
    `error: error executing template "{{.kind}} {{.kind.x}}": template: output:1:17: executing "output" at <.kind.x>: can't evaluate field x in type interface {}\n`,
  );
  const fromFile = await kubectl(cluster, "kubectl get node node-2 -o go-template-file=/t.tmpl", {
    readFile: (path) => (path === "/t.tmpl" ? "{{.metadata.name}}\n" : undefined),
  });
  assert.equal(fromFile.stdout, "node-2\n");
  assert.equal(
    (await kubectl(cluster, "kubectl get node node-2 -o templatefile=/missing")).stderr,
    "error: error reading --template /missing, open /missing: no such file or directory\n",
  );
  assert.equal(
    (await kubectl(cluster, "kubectl get node node-2 --template={{.metadata.name}}")).stdout,
    "node-2",
  );
  assert.equal(
    (await kubectl(cluster, "kubectl get node node-2 -o go-template")).stderr,
    "error: template format specified but no template given\n",
  );
});
