/**
 * The realism oracle: one command line through the real kubectl (against the API facade) and
 * through the built-in kubectl, on two clusters built identically (scenario, seed, prior
 * commands). Only ages, timestamps and generated random suffixes are normalised before the
 * byte-for-byte comparison of stdout, stderr and exit status.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { createLabRun } from "../../grading/lab/create-lab-run.ts";
import type { Cluster } from "../../sandbox/cluster/cluster.ts";
import { runKubectl } from "../../sandbox/kubectl/index.ts";
import { createCluster, scenario } from "../../sandbox/scenarios/index.ts";
import { containerExecRunner, runAttached } from "./container-exec.ts";
import { metricsSourceOf } from "./metrics-source.ts";
import { startKubeApi } from "./serve.ts";

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

export interface CaseInput {
  scenario: string;
  seed: number;
  before: readonly string[];
  command: string;
  /** Set (to the reason) where the real kubectl's line order varies: lines are compared sorted. */
  linesInAnyOrder?: string | undefined;
  /** For commands that wait until Ctrl-C: both runs are interrupted after this many milliseconds. */
  interruptAfterMs?: number | undefined;
  /**
   * Why this line is not identical yet (and whose part must change), as README lists it: the
   * harness still runs and shows it, but only an unexplained mismatch fails the run.
   */
  knownDifference?: string | undefined;
}

export interface CaseResult {
  command: string;
  scenario: string;
  real: Outcome;
  builtin: Outcome;
  identical: boolean;
  knownDifference: string | undefined;
}

/** Splits a command line as a POSIX shell would (quotes and backslashes; no expansions). */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? "";
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === "\\" && ['"', "\\", "$", "`"].includes(line[i + 1] ?? ""))
        current += line[++i] ?? "";
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\") {
      current += line[++i] ?? "";
      inWord = true;
    } else if (ch === " " || ch === "\t") {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} in: ${line}`);
  if (inWord) words.push(current);
  return words;
}

const AGE = /(?<![\w.:-])(?:\d+y)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?=$|[\s),])/g;
const RFC3339 = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;
const RFC1123 =
  /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g;
/** A journal line's time (journalctl's short format): "Nov 24 20:31:17". */
const SYSLOG = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d\b/g;
/** kubectl debug names its pod node-debugger-NODE-XXXXX with a random client-side suffix. */
const DEBUG_POD = /(node-debugger-[a-z0-9.-]+?-)[bcdfghjklmnpqrstvwxz2456789]{5}\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const RUNTIME_ID = /\b[0-9a-f]{64}\b/g;

/**
 * Ages ("10m", "3d2h", "4m49s"), timestamps and kubectl's random suffixes become placeholders.
 * With `randomIds` (a `kubectl debug node/`, whose pod name kubectl picks at random client-side,
 * so the ids the cluster draws after it differ run to run) uids and container ids do too.
 */
export function normalise(text: string, randomIds = false): string {
  const stamped = text
    .replace(RFC3339, "<time>")
    .replace(RFC1123, "<time>")
    .replace(SYSLOG, "<time>")
    .replace(DEBUG_POD, "$1<suffix>");
  const ids = randomIds ? stamped.replace(UUID, "<uid>").replace(RUNTIME_ID, "<id>") : stamped;
  return ids.replace(AGE, (match) => (match === "" || /^\d+$/.test(match) ? match : "<age>"));
}

/** A line diff (longest common subsequence): `-` what the real kubectl printed, `+` the built-in. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] ?? [];
      row[j] =
        a[i] === b[j]
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i] ?? ""}`);
      i++;
      j++;
    } else if (
      j < b.length &&
      (i >= a.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))
    ) {
      out.push(`+ ${b[j] ?? ""}`);
      j++;
    } else {
      out.push(`- ${a[i] ?? ""}`);
      i++;
    }
  }
  return out.join("\n");
}

const JSON_TIMESTAMP = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)"/g;

/**
 * kubectl computes some ages itself (describe's events, `kubectl events`) from its wall clock, not
 * the cluster's virtual one; moving every timestamp the API serves by (wall clock - virtual clock)
 * makes those ages the ones the built-in kubectl computes from the virtual clock.
 */
export function shiftTimestamps(text: string, offsetMs: number): string {
  return text.replace(JSON_TIMESTAMP, (whole, stamp: string) => {
    const ms = Date.parse(stamp);
    // Go's zero time ("0001-01-01T00:00:00Z") and the Unix epoch mean "never": left as they are.
    if (ms <= 0) return whole;
    const iso = new Date(ms + offsetMs).toISOString();
    // Keep the stamp's own precision: a Lease's renewTime is a MicroTime (6 digits), which
    // kubectl refuses to parse with any other number of digits.
    const fraction = /\.(\d+)Z$/.exec(stamp)?.[1];
    if (fraction === undefined) return `"${iso.slice(0, 19)}Z"`;
    const digits = `${iso.slice(20, 23)}${fraction.slice(3)}`.padEnd(fraction.length, "0");
    return `"${iso.slice(0, 19)}.${digits.slice(0, fraction.length)}Z"`;
  });
}

export function buildCluster(name: string, seed: number): Cluster {
  if (name.startsWith("lab:")) return createLabRun(name.slice("lab:".length), seed).cluster;
  return createCluster(scenario(name), seed);
}

function crashLooping(pod: Pod): boolean {
  return (pod.status?.containerStatuses ?? []).some(
    (s) => s.restartCount > 0 || s.state?.waiting !== undefined,
  );
}

/** The names the corpus' placeholders stand for in this cluster. */
export function placeholders(cluster: Cluster): Record<string, string> {
  const pods = cluster.store.list<Pod>("pods", { namespace: "default" });
  const bad = pods.find(crashLooping) ?? pods[0];
  const healthy = pods.find((p) => !crashLooping(p) && p.status?.phase === "Running") ?? pods[0];
  const proxy = cluster.store.list<Pod>("pods", {
    namespace: "kube-system",
    labelSelector: "k8s-app=kube-proxy",
  })[0];
  return {
    "{pod}": bad?.metadata?.name ?? "no-pod",
    "{node}": bad?.spec?.nodeName ?? "no-node",
    "{healthy}": healthy?.metadata?.name ?? "no-pod",
    "{good-node}": healthy?.spec?.nodeName ?? "no-node",
    "{proxy}": proxy?.metadata?.name ?? "no-pod",
  };
}

function fill(line: string, names: Record<string, string>): string {
  return line.replace(/\{[a-z-]+\}/g, (key) => names[key] ?? key);
}

function kubectlArgs(line: string): string[] {
  const words = splitCommandLine(line);
  if (words[0] !== "kubectl") throw new Error(`not a kubectl command line: ${line}`);
  return words.slice(1);
}

/** The status recorded for a command stopped by Ctrl-C (`get -w`, `logs -f`): it has no exit status of its own. */
export const INTERRUPTED = -1;

export async function runBuiltin(
  cluster: Cluster,
  args: readonly string[],
  interruptAfterMs?: number,
): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const controller = new AbortController();
  const signal = controller.signal;
  const timer =
    interruptAfterMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(), interruptAfterMs);
  const status = await runKubectl(args, {
    cluster,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    // `-f FILE` reads the same file the real kubectl reads (paths relative to the working directory).
    readFile: (path) => (existsSync(path) ? readFileSync(path, "utf8") : undefined),
    namespace: "default",
    columns: 80,
    isTTY: false,
    signal,
    // The container shells the API's exec/attach reach too, with no keystrokes to give.
    attachShell: (spec) =>
      runAttached(
        cluster,
        spec,
        {
          stdout: (text) => (stdout += text),
          stderr: (text) => (stderr += text),
          onStdin: () => undefined,
          signal,
        },
        false,
      ),
  });
  clearTimeout(timer);
  return { stdout, stderr, status: interruptAfterMs === undefined ? status : INTERRUPTED };
}

export function runReal(
  kubectl: string,
  args: readonly string[],
  kubeconfig: string,
  home: string,
  interruptAfterMs?: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const env = {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      HOME: home,
      KUBECACHEDIR: join(home, "cache"),
      KUBECONFIG: kubeconfig,
    };
    execFile(
      kubectl,
      [...args],
      {
        env,
        timeout: interruptAfterMs ?? 60_000,
        killSignal: "SIGINT",
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : 124) : 0;
        resolve({ stdout, stderr, status: interruptAfterMs === undefined ? status : INTERRUPTED });
      },
    );
  });
}

/** Runs one corpus line both ways on two identically built clusters. */
export async function runCase(kubectl: string, input: CaseInput): Promise<CaseResult> {
  const forApi = buildCluster(input.scenario, input.seed);
  const forBuiltin = buildCluster(input.scenario, input.seed);
  const names = placeholders(forBuiltin);
  for (const line of input.before) {
    await runBuiltin(forApi, kubectlArgs(fill(line, names)));
    await runBuiltin(forBuiltin, kubectlArgs(fill(line, names)));
  }
  const command = fill(input.command, names);
  const args = kubectlArgs(command);
  const home = mkdtempSync(join(tmpdir(), "conformance-"));
  const api = await startKubeApi(forApi, {
    rewrite: (text) => shiftTimestamps(text, Date.now() - forApi.clock.now()),
    // Frozen for a command that is interrupted: what it prints while waiting must not depend on timing.
    tickMs: input.interruptAfterMs === undefined ? 50 : 0,
    stepWhileWaitingMs: 1000,
    exec: containerExecRunner(forApi),
    metrics: metricsSourceOf(forApi),
    kubeconfigDir: home,
  });
  let real: Outcome;
  try {
    real = await runReal(kubectl, args, api.kubeconfigPath, home, input.interruptAfterMs);
  } finally {
    await api.close();
    rmSync(home, { recursive: true, force: true });
  }
  const builtin = await runBuiltin(forBuiltin, args, input.interruptAfterMs);
  const text = (t: string): string => {
    const normal = normalise(t, args[0] === "debug" && (args[1] ?? "").startsWith("node/"));
    return input.linesInAnyOrder === undefined ? normal : normal.split("\n").sort().join("\n");
  };
  const normal = (o: Outcome): Outcome => ({
    stdout: text(o.stdout),
    stderr: text(o.stderr),
    status: o.status,
  });
  const a = normal(real);
  const b = normal(builtin);
  return {
    command,
    scenario: input.scenario,
    real: a,
    builtin: b,
    identical: a.stdout === b.stdout && a.stderr === b.stderr && a.status === b.status,
    knownDifference: input.knownDifference,
  };
}

/** The report of one mismatch: which streams differ, as diffs. */
export function describeMismatch(result: CaseResult): string {
  const parts = [
    result.knownDifference === undefined
      ? `✗ [${result.scenario}] ${result.command}`
      : `≈ [${result.scenario}] ${result.command}\n  known difference: ${result.knownDifference}`,
  ];
  if (result.real.stdout !== result.builtin.stdout)
    parts.push(
      "  stdout (- real kubectl, + built-in):",
      indent(lineDiff(result.real.stdout, result.builtin.stdout)),
    );
  if (result.real.stderr !== result.builtin.stderr)
    parts.push(
      "  stderr (- real kubectl, + built-in):",
      indent(lineDiff(result.real.stderr, result.builtin.stderr)),
    );
  if (result.real.status !== result.builtin.status)
    parts.push(
      `  exit status: real ${String(result.real.status)}, built-in ${String(result.builtin.status)}`,
    );
  return parts.join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
