import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";

const cli = resolve(import.meta.dirname, "../../../../src/server/cli/interview.ts");

function run(args: readonly string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", input });
}

test("--json prints exactly covered, missed, misconceptions, score and evidence", () => {
  const dir = mkdtempSync(join(tmpdir(), "interview-cli-"));
  const file = join(dir, "answer.txt");
  writeFileSync(file, "I would run dmesg on the node. 137 means SIGTERM.");
  const result = run(["--question", "exit-128-explain", "--answer-file", file, "--json"]);
  assert.equal(result.status, 0, result.stderr);
  const output = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(output), [
    "covered",
    "missed",
    "misconceptions",
    "score",
    "evidence",
  ]);
  assert.deepEqual(output["covered"], ["kernel-logs"]);
  assert.deepEqual(output["misconceptions"], ["m-wrong-signal-pair"]);
  assert.equal((output["missed"] as unknown[]).length, 7);
  assert.equal(typeof output["score"], "number");
  assert.deepEqual(output["evidence"], {
    "kernel-logs": "I would run dmesg on the node.",
    "m-wrong-signal-pair": "137 means SIGTERM.",
  });
});

test("the answer can come from standard input", () => {
  const result = run(
    ["--question", "exit-128-explain", "--answer-file", "-", "--json"],
    "kubectl describe pod shows the last state",
  );
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual((JSON.parse(result.stdout) as { covered: unknown }).covered, [
    "describe-previous",
  ]);
});

test("bad arguments get a message and status 2, never a stack trace", () => {
  for (const args of [
    [],
    ["--question", "no-such-question", "--answer-file", "-"],
    ["--question", "exit-128-explain", "--answer-file", "/no/such/file"],
    ["--bogus"],
  ]) {
    const result = run(args, "");
    assert.equal(result.status, 2, args.join(" "));
    assert.doesNotMatch(result.stderr, /\n\s+at /, args.join(" "));
    assert.notEqual(result.stderr.trim(), "");
  }
});
