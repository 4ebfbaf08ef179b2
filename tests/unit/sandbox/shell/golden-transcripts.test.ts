/**
 * Golden transcripts: per fault (and the runbook's broken and healthy nodes) the investigation a
 * learner runs, exactly as `npm run sandbox -- ID --script FILE` prints it (`$ LINE`, then its
 * output; a lab ends with its task line). Each file was read against ../shared/reference/ before
 * it was committed: a change here is a change of what the learner sees, to be checked the same
 * way. `UPDATE_GOLDEN=1 node --test tests/unit/sandbox/shell/golden-transcripts.test.ts` rewrites
 * them from today's output.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

const GOLDEN_DIR = new URL("./golden/", import.meta.url);
const CLI = new URL("../../../../src/server/cli/sandbox.ts", import.meta.url);

/** The lines a transcript types: every `$ LINE` (outputs never start with `$ `). */
function typedLines(transcript: string): string[] {
  return transcript
    .split("\n")
    .filter((line) => line.startsWith("$ "))
    .map((line) => line.slice(2));
}

/**
 * Which lab (or scenario) and seed a transcript runs, when not its own name with seed 1: a lab with
 * variants picks one by seed (runtime-failure: even seeds wedge the shims, odd seeds hang
 * containerd), so each variant has its own transcript.
 */
const RUNS: Readonly<Record<string, { readonly id: string; readonly seed: number }>> = {
  "runtime-failure": { id: "runtime-failure", seed: 2 },
  "runtime-failure-hung-containerd": { id: "runtime-failure", seed: 1 },
};

async function runScript(id: string, seed: number, lines: readonly string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "golden-"));
  try {
    const script = join(dir, "script.txt");
    writeFileSync(script, `${lines.join("\n")}\n`);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI.pathname, id, "--seed", String(seed), "--script", script],
      { env: { ...process.env, COLUMNS: "" }, maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const files = readdirSync(GOLDEN_DIR).filter((name) => name.endsWith(".txt"));

test("there is a golden transcript per lab fault and for the runbook", () => {
  const ids = files.map((name) => name.replace(/\.txt$/, "")).sort();
  for (const id of [
    "cgroup-failure",
    "exec-failure",
    "git-init-container",
    "invalid-exit-value",
    "pid-limit",
    "resource-pressure",
    "runbook",
    "runtime-failure",
  ]) {
    assert.ok(ids.includes(id), `golden/${id}.txt`);
  }
});

for (const name of files) {
  const id = name.replace(/\.txt$/, "");
  const run = RUNS[id] ?? { id, seed: 1 };
  test(`golden transcript: ${id}`, async () => {
    const path = new URL(name, GOLDEN_DIR);
    const expected = readFileSync(path, "utf8");
    const actual = await runScript(run.id, run.seed, typedLines(expected));
    if (process.env["UPDATE_GOLDEN"] === "1") {
      writeFileSync(path, actual);
      return;
    }
    assert.equal(actual, expected);
  });
}
