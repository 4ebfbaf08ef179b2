/**
 * Terminal sessions over WebSocket, measured end to end: the real server pieces (SessionManager,
 * SQLite progress storage, the runbook sandbox) in this process, and the learners' browsers as a
 * load generator in a child process, so the memory figure is the server's alone.
 *
 * Figures: sessions created per second; with 500 concurrent sessions open, p50/p99 of
 * keystroke-to-echo (idle sessions are never ticked; again while 50 of them run `kubectl get pods
 * -w`, which the server ticks every second) and of a command's round trip (`kubectl get pods` to
 * the next prompt); and the server's memory per idle session (heap + external after GC).
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { createAppServer } from "../src/server/http-server.ts";
import { ProgressStorage } from "../src/server/progress/progress-storage.ts";
import { openSqlite } from "../src/server/progress/sqlite-database.ts";
import { newRandomId } from "../src/server/sessions/learner-cookie.ts";
import { createSandboxTerminals } from "../src/server/sessions/sandbox-terminals.ts";
import { SessionManager } from "../src/server/sessions/session-manager.ts";

const CONCURRENT = Number(process.env["BENCH_SESSIONS"] ?? 500);
const CREATE_SAMPLE = Math.min(100, Math.floor(CONCURRENT / 2));
const KEYSTROKES = 1000;
const COMMANDS = 200;
const WATCHERS = Math.min(50, Math.floor(CONCURRENT / 10));
const PROMPT = "learner@workstation";

interface Message {
  type: string;
  data?: string;
  screen?: string;
}

type Phase = { phase: "idle" } | { phase: "done"; report: Record<string, string> };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

/** One learner's browser: a socket, the output since the last mark, and waiting for text. */
class Learner {
  readonly socket: WebSocket;
  output = "";
  #waiter: (() => void) | undefined;
  readonly ready: Promise<void>;

  constructor(port: number) {
    this.socket = new WebSocket(`ws://127.0.0.1:${port}/ws/terminal?scenario=runbook`, {
      headers: { cookie: `learner=${newRandomId()}` },
    });
    this.ready = new Promise((resolve, reject) => {
      this.socket.on("message", (raw: Buffer) => {
        const message = JSON.parse(raw.toString()) as Message;
        if (message.type === "ready") {
          this.output += message.screen ?? "";
          resolve();
        }
        if (message.type === "output") this.output += message.data ?? "";
        this.#waiter?.();
      });
      this.socket.on("error", reject);
    });
  }

  async until(predicate: (output: string) => boolean): Promise<void> {
    while (!predicate(this.output)) {
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
  }

  send(data: string): void {
    this.socket.send(JSON.stringify({ type: "input", data }));
  }
}

async function loadGenerator(port: number): Promise<void> {
  const report: Record<string, string> = {};
  const created: Learner[] = [];
  let start = performance.now();
  for (let i = 0; i < CREATE_SAMPLE; i++) {
    const learner = new Learner(port);
    await learner.ready;
    await learner.until((out) => out.includes(PROMPT));
    created.push(learner);
  }
  report["sessions created per second (one after another, to first prompt)"] = (
    CREATE_SAMPLE /
    ((performance.now() - start) / 1000)
  ).toFixed(1);

  start = performance.now();
  while (created.length < CONCURRENT) {
    const batch = Array.from(
      { length: Math.min(50, CONCURRENT - created.length) },
      () => new Learner(port),
    );
    await Promise.all(
      batch.map(async (l) => l.ready.then(() => l.until((out) => out.includes(PROMPT)))),
    );
    created.push(...batch);
  }
  report["sessions created per second (50 at a time, to first prompt)"] = (
    (CONCURRENT - CREATE_SAMPLE) /
    ((performance.now() - start) / 1000)
  ).toFixed(1);
  report["sessions open"] = String(created.length);
  process.send?.({ phase: "idle" } satisfies Phase);
  await new Promise((resolve) => process.once("message", resolve));

  // Keystrokes from many learners at once: each typist owns its own learners (no two wait on one
  // socket), types a letter, waits for its echo, erases it.
  const measureEcho = async (
    pool: readonly Learner[],
    label: string,
    forAtLeastMs = 0,
  ): Promise<void> => {
    const typists = Math.min(50, pool.length);
    const echoes: number[] = [];
    const until = performance.now() + forAtLeastMs;
    const typist = async (k: number): Promise<void> => {
      for (let i = 0; i < KEYSTROKES / typists || performance.now() < until; i++) {
        const learner = pool[(k + i * typists) % pool.length];
        if (!learner) return;
        learner.output = "";
        const sent = performance.now();
        learner.send("x");
        await learner.until((out) => out.includes("x"));
        echoes.push(performance.now() - sent);
        learner.output = "";
        learner.send("\x7f");
        await learner.until((out) => out.length > 0);
      }
    };
    await Promise.all(Array.from({ length: typists }, (_, k) => typist(k)));
    echoes.sort((a, b) => a - b);
    report[`keystroke to echo p50${label}`] = ms(percentile(echoes, 50));
    report[`keystroke to echo p99${label}`] = ms(percentile(echoes, 99));
  };
  await measureEcho(created, "");

  // Real time: sessions with a running command are ticked every second; the others must not feel it.
  const watching = created.slice(-WATCHERS);
  const typing = created.slice(0, created.length - watching.length);
  for (const learner of watching) {
    learner.output = "";
    learner.send("kubectl get pods -w\r");
  }
  await Promise.all(watching.map((learner) => learner.until((out) => out.includes("AGE"))));
  await measureEcho(typing, ` (${String(watching.length)} sessions watching, 10 s)`, 10_000);
  for (const learner of watching) {
    learner.output = "";
    learner.send("\x03");
  }
  await Promise.all(watching.map((learner) => learner.until((out) => out.includes(PROMPT))));

  const OPERATORS = Math.min(20, created.length);
  const rounds: number[] = [];
  const operator = async (k: number): Promise<void> => {
    for (let i = 0; i < COMMANDS / OPERATORS; i++) {
      const learner = created[(k + i * OPERATORS * 7) % created.length];
      if (!learner) return;
      learner.output = "";
      const sent = performance.now();
      learner.send("kubectl get pods\r");
      await learner.until(
        (out) => out.includes("CrashLoopBackOff") && out.lastIndexOf(PROMPT) > out.indexOf("AGE"),
      );
      rounds.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: OPERATORS }, (_, k) => operator(k)));
  rounds.sort((a, b) => a - b);
  report["command round trip (kubectl get pods) p50"] = ms(percentile(rounds, 50));
  report["command round trip (kubectl get pods) p99"] = ms(percentile(rounds, 99));
  for (const learner of created) learner.socket.close();
  process.send?.({ phase: "done", report } satisfies Phase);
}

function memory(): number {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sessions-bench-"));
  const storage = await ProgressStorage.open(openSqlite(join(dir, "progress.sqlite")));
  const sessions = new SessionManager({
    store: storage,
    ...createSandboxTerminals(),
    limits: {
      maxLiveSessions: CONCURRENT + 10,
      // The load generator is one client typing for 500 learners; per-learner limits still apply.
      messagesPerSecond: 1000,
    },
  });
  const server = createAppServer({
    site: (_req, res) => res.end(),
    webSockets: new Map([["/ws/terminal", sessions.handle]]),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  if (!globalThis.gc)
    console.log("(run through npm run bench for --expose-gc; memory is rougher without)");
  const baseline = memory();

  const child = fork(import.meta.filename, ["--load", String(port)], { stdio: "inherit" });
  const report = await new Promise<Record<string, string>>((resolve, reject) => {
    child.on("message", (message: Phase) => {
      if (message.phase === "idle") {
        const perSession = (memory() - baseline) / sessions.liveSessionCount;
        console.log(
          `memory per idle session (server heap + external): ${(perSession / 1024).toFixed(0)} KiB`,
        );
        child.send("continue");
      } else {
        resolve(message.report);
      }
    });
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${String(code)}`));
    });
  });
  for (const [name, value] of Object.entries(report)) console.log(`${name}: ${value}`);
  server.closeAllConnections();
  await sessions.close();
  server.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === "--load") {
  await loadGenerator(Number(process.argv[3]));
  process.exit(0);
} else {
  await main();
}
