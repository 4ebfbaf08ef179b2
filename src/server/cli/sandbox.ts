/**
 * `npm run sandbox -- [LAB_ID | SCENARIO] [--seed N] [--script FILE | --serve [--tls]]` and
 * `npm run sandbox -- --list`: the browser terminal's shell in your own terminal.
 *
 * - interactive (default): raw keystrokes in, the session's ANSI out; `exit` or Ctrl-D leaves.
 * - `--script FILE`: each line of FILE as if typed, printed as `$ LINE` and then its output; a lab
 *   ends with its `tasks: N/M done` line. Exit status 0 unless the tool itself failed.
 * - `--serve`: the same cluster behind a Kubernetes API for the real kubectl, k9s or Lens;
 *   `--tls` serves it over HTTPS (a CA made at start, in the kubeconfig), for clients that refuse
 *   plain HTTP.
 *
 * The scenario `runbook` always exists and is the default.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createLabRun } from "../../grading/lab/create-lab-run.ts";
import { summaryLine } from "../../grading/lab/lab-command.ts";
import type { LabRunWithFiles } from "../../grading/lab/create-lab-run.ts";
import { loadLabs } from "../../grading/lab/load-labs.ts";
import { listScenarios } from "../../sandbox/scenarios/index.ts";
import { TerminalSession } from "../../sandbox/shell/terminal-session.ts";
import { containerExecRunner } from "../kube-api/container-exec.ts";
import { serveCluster } from "../kube-api/serve.ts";

const USAGE = `Usage: npm run sandbox -- [LAB_ID | SCENARIO] [--seed N] [--script FILE | --serve [--tls]]
       npm run sandbox -- --list
`;

interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

interface Target {
  readonly session: TerminalSession;
  readonly lab: LabRunWithFiles | undefined;
}

/** A session on a scenario or a lab; `realTime` when a person types at a tty (sleep takes real time). */
function open(id: string, seed: number, size: TerminalSize, realTime: boolean): Target {
  if (listScenarios().some((scenario) => scenario.name === id)) {
    return {
      session: new TerminalSession({ scenario: id, seed, ...size, realTime }),
      lab: undefined,
    };
  }
  if (loadLabs().some((lab) => lab.id === id)) {
    const run = createLabRun(id, seed);
    const session = new TerminalSession({
      cluster: run.cluster,
      seed,
      ...size,
      realTime,
      extraCommands: run.extraCommands,
      files: run.files,
    });
    run.attach(session);
    return { session, lab: run };
  }
  throw new Error(`unknown lab or scenario "${id}"; see npm run sandbox -- --list`);
}

function list(): string {
  const scenarios = listScenarios().map((s) => `  ${s.name.padEnd(22)} ${s.description}`);
  const labs = loadLabs().map((lab) => `  ${lab.id.padEnd(22)} ${lab.title}`);
  return `Scenarios:\n${scenarios.join("\n")}\n\nLabs:\n${labs.join("\n")}\n`;
}

async function runScript(target: Target, file: string): Promise<void> {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  while (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    process.stdout.write(`$ ${line}\n`);
    const { output } = await target.session.runLine(line);
    process.stdout.write(output);
  }
  if (target.lab) process.stdout.write(`${summaryLine(target.lab.status())}\n`);
}

async function runInteractive(target: Target): Promise<number> {
  const { session } = target;
  const stdin = process.stdin;
  session.onOutput((ansi) => process.stdout.write(ansi));
  process.stdout.on("resize", () => session.resize(process.stdout.columns, process.stdout.rows));
  const exited = new Promise<number>((resolve) => session.onExit(resolve));
  // Virtual time follows real time while a command waits (get -w, logs -f), as on a cluster.
  const ticker = setInterval(() => session.tick(1000), 1000);
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  // Piped input has plain newlines; the shell reads keys as a terminal sends them. Each key
  // carries its time, which is how long a `sleep` it interrupts has slept.
  const onData = (data: string): void =>
    session.input(stdin.isTTY ? data : data.replace(/\r?\n/g, "\r"), Date.now());
  stdin.on("data", onData);
  const ended = new Promise<number>((resolve) => stdin.once("end", () => resolve(0)));
  const status = await Promise.race([exited, ended.then(async () => (await session.idle(), 0))]);
  clearInterval(ticker);
  stdin.off("data", onData);
  if (stdin.isTTY) stdin.setRawMode(false);
  stdin.pause();
  session.dispose();
  return status;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: "string" },
      script: { type: "string" },
      serve: { type: "boolean" },
      tls: { type: "boolean" },
      list: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.list === true) {
    process.stdout.write(list());
    return 0;
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (
    !Number.isSafeInteger(seed) ||
    positionals.length > 1 ||
    (values.tls === true && values.serve !== true)
  ) {
    process.stderr.write(USAGE);
    return 2;
  }
  const target = open(
    positionals[0] ?? "runbook",
    seed,
    { cols: process.stdout.columns || 120, rows: process.stdout.rows || 40 },
    values.script === undefined && values.serve !== true && process.stdin.isTTY,
  );
  if (values.script !== undefined) {
    await runScript(target, values.script);
    return 0;
  }
  if (values.serve === true) {
    // kubectl exec / debug -it through the API reach the same container shells as the terminal.
    const cluster = target.session.cluster;
    await serveCluster(cluster, {
      tickMs: 1000,
      exec: containerExecRunner(cluster, seed),
      tls: values.tls === true,
    });
    return 0;
  }
  return await runInteractive(target);
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
