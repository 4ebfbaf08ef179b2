import assert from "node:assert/strict";
import { test } from "node:test";
import type { ScenarioInput } from "../../../../src/schemas/scenario.ts";
import { runbookScenario } from "../../../../src/sandbox/scenarios/runbook.ts";
import { session } from "./helpers.ts";

/** The runbook's cluster plus the images of the exit-code lessons, pulled on the workstation. */
const scenario: ScenarioInput = {
  ...runbookScenario,
  images: [
    ...(runbookScenario.images ?? []),
    {
      name: "shop/api:2.3",
      entrypoint: ["/app/start"],
      files: [{ path: "/app/start", mode: "0644", format: "script", interpreter: "/bin/sh" }],
    },
    { name: "shop/worker:1.0", entrypoint: ["server"] },
    {
      name: "shop/arm:1.0",
      entrypoint: ["/app/start"],
      files: [{ path: "/app/start", mode: "0755", format: "elf-arm64" }],
    },
    {
      name: "shop/web:1.0",
      entrypoint: ["python3", "/app/main.py"],
      files: [{ path: "/usr/local/bin/python3" }],
      process: {
        exitValue: -128,
        logs: [
          { text: "INFO starting shop-web 1.0" },
          { text: "ERROR giving up, exiting", stream: "stderr" },
        ],
      },
    },
    {
      name: "shop/batch:3.1",
      entrypoint: ["/batch"],
      files: [{ path: "/batch" }],
      process: { exitValue: 0, memoryMi: 900 },
    },
  ],
};

const RUNC_PREFIX =
  "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";

test("an entrypoint that is not executable: docker says so and exits 126, not 128", async () => {
  const terminal = session({ scenario });
  const run = await terminal.runLine("docker run --rm shop/api:2.3");
  assert.equal(run.exitCode, 126);
  assert.equal(
    run.output,
    `${RUNC_PREFIX}exec: "/app/start": permission denied: unknown.\n\nRun 'docker run --help' for more information\n`,
  );
  assert.equal((await terminal.runLine('echo "Exit code: $?"')).output, "Exit code: 126\n");
});

test("an entrypoint that is not in the image: 127", async () => {
  const terminal = session({ scenario });
  const run = await terminal.runLine("docker run --rm shop/worker:1.0");
  assert.equal(run.exitCode, 127);
  assert.match(run.output, /exec: "server": executable file not found in \$PATH: unknown\.\n/);
});

test("a binary for another CPU starts, then execve fails: exit 1, not 126 or 128", async () => {
  const terminal = session({ scenario });
  const run = await terminal.runLine('docker run shop/arm:1.0; echo "Exit code: $?"');
  assert.equal(run.output, "exec /app/start: exec format error\nExit code: 1\n");
});

test("a process that exits with -128 ends with 128, its output shown", async () => {
  const terminal = session({ scenario });
  assert.deepEqual(await terminal.runLine("docker run --rm shop/web:1.0"), {
    output: "INFO starting shop-web 1.0\nERROR giving up, exiting\n",
    exitCode: 128,
  });
});

test("over its --memory limit the process is OOM-killed: 137", async () => {
  const terminal = session({ scenario });
  assert.equal(
    (await terminal.runLine("docker run --rm --memory=256m --cpus=0.5 shop/batch:3.1")).exitCode,
    137,
  );
  assert.equal((await terminal.runLine("docker run --rm --memory=1g shop/batch:3.1")).exitCode, 0);
});

test("well-known commands behave as in any image", async () => {
  const terminal = session({ scenario });
  assert.equal((await terminal.runLine('docker run --rm ubuntu sh -c "exit 3"')).exitCode, 3);
  // Arguments after the image replace CMD, not ENTRYPOINT: python3 still runs and exits -128.
  assert.equal(
    (await terminal.runLine('docker run --rm shop/web:1.0 sh -c "exit 3"')).exitCode,
    128,
  );
});

test("ps -a, logs and inspect describe containers that were not removed", async () => {
  const terminal = session({ scenario });
  await terminal.runLine("docker run --name web shop/web:1.0");
  const ps = (await terminal.runLine("docker ps -a")).output.split("\n");
  // docker's table: columns padded to the widest cell plus 3 spaces.
  assert.match(
    ps[0] ?? "",
    /^CONTAINER ID {3}IMAGE {10}COMMAND {18}CREATED {8}STATUS {4,}PORTS {5}NAMES$/,
  );
  assert.match(
    ps[1] ?? "",
    /^[0-9a-f]{12} {3}shop\/web:1\.0 {3}"python3 \/app\/main\.py" {3}.+ ago {3}Exited \(128\) .+ ago {3,}web$/,
  );
  assert.equal(
    (await terminal.runLine("docker logs web 2>/dev/null")).output,
    "INFO starting shop-web 1.0\n",
  );
  assert.equal(
    (await terminal.runLine("docker inspect -f '{{.State.ExitCode}} {{.State.OOMKilled}}' web"))
      .output,
    "128 false\n",
  );
  assert.deepEqual(await terminal.runLine("docker logs nope"), {
    output: "Error response from daemon: No such container: nope\n",
    exitCode: 1,
  });
});

test("an image that is not on the workstation cannot be pulled here", async () => {
  const run = await session({ scenario }).runLine("docker run --rm nosuch");
  assert.equal(run.exitCode, 125);
  assert.match(
    run.output,
    /^Unable to find image 'nosuch:latest' locally\ndocker: Error response from daemon: pull access denied for nosuch/,
  );
});

test("docker images lists the scenario's catalogue", async () => {
  const { output } = await session({ scenario }).runLine("docker images");
  const [header, ...rows] = output.trimEnd().split("\n");
  assert.match(header ?? "", /^REPOSITORY {4,}TAG {7}IMAGE ID {7}CREATED {7}SIZE$/);
  assert.ok(rows.some((row) => /^shop\/api +2\.3 +[0-9a-f]{12} +/.test(row)));
});
