import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Ajv, type ErrorObject } from "ajv";
import { parse } from "yaml";
import { kubernetesObjectSchema } from "../../../../src/components/editor/kubernetes-schema.ts";
import { createLabRun } from "../../../../src/grading/lab/create-lab-run.ts";
import { loadLabs } from "../../../../src/grading/lab/load-labs.ts";
import type { EditRequest } from "../../../../src/sandbox/kubectl/index.ts";
import { TerminalSession } from "../../../../src/sandbox/shell/terminal-session.ts";

/**
 * The editor's schema (what monaco-yaml marks) must accept every manifest a lab ships and every
 * object `kubectl edit` hands the editor, and refuse what the API server refuses: an unknown
 * field (strict decoding) or a wrong type.
 */
const validate = new Ajv({ allErrors: true, strict: false }).compile(kubernetesObjectSchema);
const labsDir = join(import.meta.dirname, "..", "..", "..", "..", "labs");

function problems(object: unknown): string[] {
  return validate(object)
    ? []
    : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ""}`);
}

/** The YAML `kubectl edit KIND NAME` opens in the editor, through the terminal's editor hook. */
async function editedObject(session: TerminalSession, requests: EditRequest[], line: string) {
  const before = requests.length;
  session.input(`${line}\r`);
  await session.idle();
  const request = requests[before];
  assert.ok(request, `${line} opened the editor`);
  return parse(request.content) as unknown;
}

test("every manifest a lab gives the learner to edit is valid", () => {
  let checked = 0;
  for (const lab of loadLabs(labsDir)) {
    for (const file of lab.files.filter((name) => /\.ya?ml$/.test(name))) {
      const manifest = parse(readFileSync(join(labsDir, lab.id, file), "utf8")) as unknown;
      assert.deepEqual(problems(manifest), [], `${lab.id}/${file}`);
      checked++;
    }
  }
  assert.ok(checked >= 7, `checked ${String(checked)} manifests`);
});

test("objects as kubectl edit shows them (status, uid, managedFields) are valid", async () => {
  const requests: EditRequest[] = [];
  const run = createLabRun("git-init-container", 7);
  const session = new TerminalSession({
    cluster: run.cluster,
    seed: 7,
    cols: 120,
    rows: 40,
    files: run.files,
    openEditor: (request) => {
      requests.push(request);
      return Promise.resolve(undefined);
    },
  });
  try {
    const deployment = await editedObject(session, requests, "kubectl edit deployment site");
    assert.deepEqual(problems(deployment), []);
    assert.equal((deployment as { kind: string }).kind, "Deployment");
    const pod = await editedObject(
      session,
      requests,
      "kubectl get pods -o name | head -1 | xargs kubectl edit",
    );
    assert.deepEqual(problems(pod), []);
    const node = await editedObject(
      session,
      requests,
      "kubectl get nodes -o name | head -1 | xargs kubectl edit",
    );
    assert.deepEqual(problems(node), []);
  } finally {
    session.dispose();
  }
});

test("an unknown field, a wrong type, a bad quantity or a wrong apiVersion is refused", () => {
  const mutate = (text: string, from: string, to: string): unknown =>
    parse(text.replace(from, to)) as unknown;
  const text = readFileSync(join(labsDir, "invalid-exit-value", "deployment.yaml"), "utf8");
  assert.deepEqual(problems(parse(text)), []);
  assert.ok(
    problems(mutate(text, "image:", "imagee:")).some((p) => /additional properties/.test(p)),
  );
  assert.ok(
    problems(mutate(text, "replicas: 3", "replicas: three")).some((p) =>
      /\/spec\/replicas must be integer/.test(p),
    ),
  );
  assert.ok(
    problems(
      mutate(
        text,
        "          ports:",
        "          resources:\n            limits:\n              memory: 128MB\n          ports:",
      ),
    ).some((p) => /memory/.test(p)),
  );
  assert.notDeepEqual(problems(mutate(text, "apps/v1", "v1")), []);
  assert.notDeepEqual(problems(mutate(text, "kind: Deployment", "kind: Deploymnet")), []);
  // kubectl's own Kubernetes kinds outside the workloads are known too.
  assert.deepEqual(
    problems({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "b" } }),
    [],
  );
});
