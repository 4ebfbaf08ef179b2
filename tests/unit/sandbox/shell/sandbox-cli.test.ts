import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const CLI = join(import.meta.dirname, "../../../../src/server/cli/sandbox.ts");

function sandbox(
  args: string[],
  input?: string,
): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    input,
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function script(lines: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "sandbox-cli-")), "script.sh");
  writeFileSync(file, lines);
  return file;
}

test("--list names the runbook scenario and the labs", () => {
  const { stdout, status } = sandbox(["--list"]);
  assert.equal(status, 0);
  assert.match(stdout, /^Scenarios:\n {2}runbook {16}/);
  assert.match(stdout, /\nLabs:\n(?: {2}[a-z-]+ +.+\n)+$/);
});

test("--script prints each line after $ and then its output", () => {
  const { stdout, status } = sandbox([
    "runbook",
    "--seed",
    "1",
    "--script",
    script("echo one\nkubectl get nodes -o name | wc -l\nnosuch\n"),
  ]);
  assert.equal(status, 0, "a failing line is the learner's, not the tool's");
  assert.equal(
    stdout,
    "$ echo one\none\n$ kubectl get nodes -o name | wc -l\n3\n$ nosuch\nbash: nosuch: command not found\n",
  );
});

test("a lab's script ends with its task count", () => {
  const { stdout, status } = sandbox(["pid-limit", "--script", script("true\n")]);
  assert.equal(status, 0);
  assert.match(stdout, /^\$ true\ntasks: 0\/\d+ done\n$/);
});

test("an unknown lab is the tool's failure", () => {
  const { stderr, status } = sandbox(["no-such-lab", "--script", script("true\n")]);
  assert.equal(status, 1);
  assert.match(stderr, /unknown lab or scenario "no-such-lab"/);
});

test("piped keystrokes drive the interactive shell", () => {
  const { stdout, status } = sandbox([], "echo piped\n");
  assert.equal(status, 0);
  assert.match(stdout, /echo piped\r\npiped\r\n/);
});

test("--serve --tls writes a kubeconfig with an https server and its CA; the real kubectl trusts it", async (t) => {
  const server = spawn(process.execPath, [CLI, "runbook", "--serve", "--tls"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => server.kill("SIGINT"));
  const firstLine = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    server.stdout.setEncoding("utf8");
    server.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf("\n");
      if (end >= 0) resolve(buffered.slice(0, end));
    });
    server.on("exit", () => reject(new Error(`sandbox exited: ${buffered}`)));
  });
  const kubeconfig = firstLine.replace(/^KUBECONFIG=/, "");
  const config = readFileSync(kubeconfig, "utf8");
  assert.match(config, /server: https:\/\/127\.0\.0\.1:\d+/);
  assert.match(config, /certificate-authority-data: [A-Za-z0-9+/=]+/);
  const kubectl = process.env["KUBECTL"] ?? "/usr/bin/kubectl";
  if (!existsSync(kubectl)) {
    t.skip("no kubectl binary");
    return;
  }
  const nodes = execFileSync(kubectl, ["get", "nodes", "-o", "name"], {
    env: { ...process.env, KUBECONFIG: kubeconfig },
    encoding: "utf8",
  });
  assert.equal(nodes, "node/node-1\nnode/node-2\nnode/node-3\n");
});

test("--tls without --serve is a usage error", () => {
  const { stderr, status } = sandbox(["runbook", "--tls"]);
  assert.equal(status, 2);
  assert.match(stderr, /^Usage: npm run sandbox/);
});
