import assert from "node:assert/strict";
import { test } from "node:test";
import {
  describeMismatch,
  lineDiff,
  normalise,
  shiftTimestamps,
  splitCommandLine,
} from "../../../../src/server/kube-api/conformance.ts";
import { CORPUS } from "../../../conformance/corpus.ts";

test("command lines split as a shell splits them, quotes and escapes included", () => {
  assert.deepEqual(splitCommandLine("kubectl get pod x -o jsonpath='{.spec.nodeName}'"), [
    "kubectl",
    "get",
    "pod",
    "x",
    "-o",
    "jsonpath={.spec.nodeName}",
  ]);
  assert.deepEqual(splitCommandLine('kubectl run t --command -- sh -c "echo \\"hi\\" there"'), [
    "kubectl",
    "run",
    "t",
    "--command",
    "--",
    "sh",
    "-c",
    'echo "hi" there',
  ]);
  assert.deepEqual(splitCommandLine("a  ''  b\\ c"), ["a", "", "b c"]);
  assert.throws(() => splitCommandLine("kubectl get 'pods"), /unterminated/);
});

test("normalising touches ages, timestamps and kubectl's random suffixes only", () => {
  const line =
    "webapp-6f7d8c9b5-abcde   0/1     CrashLoopBackOff   6 (4m49s ago)   10m   10.244.1.5   node-2";
  assert.equal(
    normalise(line),
    "webapp-6f7d8c9b5-abcde   0/1     CrashLoopBackOff   6 (<age> ago)   <age>   10.244.1.5   node-2",
  );
  assert.equal(normalise("80s (x7 over 3d2h)"), "<age> (x7 over <age>)");
  assert.equal(normalise('finishedAt: "2026-11-24T20:30:02Z"'), 'finishedAt: "<time>"');
  assert.equal(normalise("Started:      Tue, 24 Nov 2026 20:30:02 +0000"), "Started:      <time>");
  assert.equal(
    normalise("Creating debugging pod node-debugger-node-2-xz9cl with container debugger"),
    "Creating debugging pod node-debugger-node-2-<suffix> with container debugger",
  );
  assert.equal(
    normalise("RESTARTS 6, v1.32.0, 8080/TCP, exit code 128, pod-template-hash=6f7d8c9b5"),
    "RESTARTS 6, v1.32.0, 8080/TCP, exit code 128, pod-template-hash=6f7d8c9b5",
  );
});

test("the line diff marks what only the real kubectl printed with - and what only the built-in printed with +", () => {
  assert.equal(lineDiff("a\nb\nc", "a\nx\nc"), "  a\n+ x\n- b\n  c");
});

test("timestamps move by the offset, Go's zero time stays", () => {
  const body = '{"a":"2026-11-24T20:30:02Z","b":"1970-01-01T00:00:00Z","c":"0001-01-01T00:00:00Z"}';
  assert.equal(
    shiftTimestamps(body, 60_000),
    '{"a":"2026-11-24T20:31:02Z","b":"1970-01-01T00:00:00Z","c":"0001-01-01T00:00:00Z"}',
  );
});

test("a shifted MicroTime keeps its six digits, which kubectl requires of a Lease's renewTime", () => {
  assert.equal(
    shiftTimestamps('{"renewTime":"2026-11-24T20:31:19.924000Z"}', 1_500),
    '{"renewTime":"2026-11-24T20:31:21.424000Z"}',
  );
  assert.equal(
    shiftTimestamps('{"t":"2026-11-24T20:31:19.123456Z"}', 1),
    '{"t":"2026-11-24T20:31:19.124456Z"}',
  );
});

test("the corpus has at least 80 kubectl command lines, each splittable", () => {
  assert.ok(CORPUS.length >= 80, `${String(CORPUS.length)} lines`);
  for (const entry of CORPUS)
    assert.equal(splitCommandLine(entry.command)[0], "kubectl", entry.command);
});

test("journal times, and for a node debug pod its random uids and container ids, are normalised", () => {
  const line =
    'Nov 24 20:31:17 node-3 containerd[812]: msg="RunPodSandbox for &PodSandboxMetadata{Uid:f34d5fb6-910f-45e8-9a66-6cd862a1f779,} returns sandbox id \\"a232f82375297ac0a8623f655048ac3b5eff3edaf2e89cd05e4f1292e3293938\\""';
  assert.equal(
    normalise(line, true),
    '<time> node-3 containerd[812]: msg="RunPodSandbox for &PodSandboxMetadata{Uid:<uid>,} returns sandbox id \\"<id>\\""',
  );
  assert.ok(normalise(line).includes("f34d5fb6-910f-45e8-9a66-6cd862a1f779"));
});

test("a mismatch the corpus explains is marked ≈ with its reason, an unexplained one ✗", () => {
  const outcome = { stdout: "a\n", stderr: "", status: 0 };
  const result = {
    command: "kubectl rollout status deployment/web",
    scenario: "lab:x",
    real: outcome,
    builtin: { ...outcome, stdout: "b\n" },
    identical: false,
    knownDifference: undefined,
  };
  assert.match(describeMismatch(result), /^✗ \[lab:x\] kubectl rollout status/);
  const known = describeMismatch({ ...result, knownDifference: "rollout prints fewer lines" });
  assert.match(known, /^≈ \[lab:x\] .*\n {2}known difference: rollout prints fewer lines\n/);
  assert.ok(known.includes("    + b\n    - a"), known);
});
