/**
 * A learner's terminal: raw xterm data in, ANSI out. It owns the line editor, the learner's
 * workstation shell and the shells nested inside it (a `kubectl debug node/... -it` pod), and runs
 * each line against the session's cluster.
 *
 * A session is a pure function of its cluster (scenario and seed) and its input log, so replaying
 * the logged input rebuilds the same session, screen for screen. Time follows that log:
 *
 * - Without `realTime` (scripts, `runLine`, tests) the virtual clock moves only when a command
 *   moves it: `sleep N` passes N at once, `get -w` and `logs -f` print what there is.
 * - With `realTime` (the browser terminal, `npm run sandbox` at a tty) the cluster lives on the
 *   host's clock while a host is attached, as a real cluster does. Every input carries the host's
 *   timestamp and moves the cluster by the host time since the previous one, at the prompt too (a
 *   learner who reads for two minutes and types `kubectl get pods` sees pods two minutes older).
 *   A stretch that begins at a prompt counts at most MAX_PROMPT_GAP_MS, so a laptop closed
 *   overnight does not fast-forward a lab by hours; while a command runs every millisecond
 *   counts. While a command runs the host sends empty inputs about once a second (ticks) so
 *   `get -w` and `logs -f` stream; `sleep N` waits until the clock has moved N, and Ctrl-C cuts it
 *   short at the time it was pressed. `resume(atMs)` says a host attached again: the time since
 *   the previous input did not pass (tab closed, server down: the session goes on where it was).
 *   Inputs take effect in arrival order, each once the session has settled, exactly as a replay
 *   feeds them, and a sleep that ends by the session's own timer enters as an empty input the
 *   host logs (onClockInput): every move of the clock is in the log.
 */
import { InMemoryFs, parse } from "just-bash";
import type { IFileSystem } from "just-bash";
import type { ScenarioInput, ScenarioSpec } from "../../schemas/scenario.ts";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { SeededRandom } from "../cluster/random.ts";
import { createCluster, scenario as builtinScenario } from "../scenarios/index.ts";
import { createKubectlRunner } from "../kubectl/index.ts";
import type { AttachSpec, EditRequest } from "../kubectl/index.ts";
import { MAX_LINE_LENGTH, lineTooLongNotice } from "./budgets.ts";
import { DockerEngine } from "./commands/docker.ts";
import { editorCommands } from "./commands/editor.ts";
import { kubectlCommand } from "./commands/kubectl.ts";
import type { AttachIo, KubectlHost, KubectlRunner } from "./commands/kubectl.ts";
import { containerShell, runContainerCommand } from "./container-shell.ts";
import type { ContainerShellContext } from "./container-shell.ts";
import { clusterObjectNames, completeLine } from "./completion.ts";
import { LineEditor } from "./line-editor.ts";
import type { Completion } from "./line-editor.ts";
import { Shell, defineCommand } from "./shell.ts";
import type { ShellClock } from "./shell.ts";

/** What the session needs of the simulated cluster. */
/** The most time a stretch at the prompt (no command running) passes on the cluster. */
export const MAX_PROMPT_GAP_MS = 15 * 60_000;

export interface SessionCluster {
  readonly clock: { now(): number };
  /** Moves virtual time and lets the cluster act on it. */
  advance(ms: number): void;
}

/** Builds the shell a kubectl attach opens (a debug pod on a node); undefined if it cannot. */
export type AttachedShellFactory = (
  spec: AttachSpec,
  clock: ShellClock,
  seed: number,
) => Shell | undefined;

/** A command added to the shell from outside: argv after the name in, bash-style result out. */
export interface ExtraCommand {
  readonly name: string;
  run(args: readonly string[]): ExtraCommandResult | Promise<ExtraCommandResult>;
}

export interface ExtraCommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface TerminalSessionOptions {
  /** The cluster to work on; without it, one is built from `scenario` and `seed`. */
  readonly cluster?: Cluster;
  /** A scenario, or the name of a built-in one (`runbook`); used when no cluster is given. */
  readonly scenario?: ScenarioSpec | ScenarioInput | string;
  /** Seeds the scenario's cluster and `$RANDOM`. */
  readonly seed?: number;
  readonly cols: number;
  readonly rows: number;
  /** Commands others add without touching the shell (a lab's `lab` command). */
  readonly extraCommands?: readonly ExtraCommand[];
  /** The kubectl to run; by default the built-in one bound to the session's cluster. */
  readonly kubectl?: KubectlRunner;
  /** The browser's editor pane for `kubectl edit`; without it kubectl says why it cannot edit. */
  readonly openEditor?: (request: EditRequest) => Promise<string | undefined>;
  /** Files the learner starts with (a lab's manifests), by absolute path. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * The host stamps every input with its own clock (ms) and the cluster follows it (see the
   * time rules at the top of this file). Without it (scripts, `runLine`) a sleep passes at once.
   */
  readonly realTime?: boolean;
}

export interface CommandRecord {
  readonly line: string;
  readonly exitCode: number;
  /** Virtual time when the command finished. */
  readonly atMs: number;
  /**
   * Where the line was typed, so a check can tell the node it ran on:
   * - "workstation": the learner's own shell (kubectl, docker);
   * - "debug-pod:NODE": the shell of `kubectl debug node/NODE -it --image=...` (the ubuntu image,
   *   the node's filesystem at /host; a line `chroot /host CMD` runs CMD on NODE);
   * - "node:NODE": the node's own shell after `chroot /host` in such a debug pod;
   * - "pod:NAMESPACE/POD": a shell in a pod's container (`kubectl exec -it`, `kubectl run -it`).
   * One-shot forms typed on the workstation (`kubectl debug node/NODE ... -- chroot /host CMD`)
   * are "workstation" records whose line names the node.
   */
  readonly host: string;
}

export interface InputRecord {
  /**
   * When the data arrived: the host's timestamp in a real-time session (what `replay` moves the
   * clock by), virtual time otherwise.
   */
  readonly atMs: number;
  /** Keystrokes; "" for a tick (only time passed). */
  readonly data: string;
  /** A host attached again at atMs: the time since the previous record did not pass. */
  readonly resumed?: boolean;
}

/** One turn of the event loop: what is still running after it waits on something outside. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A `sleep` waiting in a real-time session until the virtual clock reaches its end. */
interface PendingSleep {
  /** Virtual time at which it ends. */
  readonly endMs: number;
  /** Lets the sleeping command go on (the clock has already moved). */
  finish(): void;
}

interface Frame {
  readonly shell: Shell;
  /** Resolves the kubectl invocation that opened this shell, with the shell's exit status. */
  readonly close?: (status: number) => void;
  /** The line running in this frame that a nested shell interrupted, if any. */
  suspended?: Promise<void>;
}

const HOME = "/home/learner";
const WORKSTATION_ENV: Readonly<Record<string, string>> = {
  HOME,
  USER: "learner",
  LOGNAME: "learner",
  SHELL: "/bin/bash",
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  TERM: "xterm-256color",
  // A learner's own machine: sort collates as en_US does, GNU quotes names as ‘…’.
  LANG: "en_US.UTF-8",
  PWD: HOME,
};
const CONTINUATION_PROMPT = "> ";
const EXIT_LINE = /^\s*(?:exit|logout)(?:\s+(\d+))?\s*(?:;\s*)?$/;

export class TerminalSession {
  readonly fs: IFileSystem;
  readonly #cluster: Cluster;
  readonly #seed: number;
  readonly #kubectl: KubectlRunner;
  readonly #openEditor: ((request: EditRequest) => Promise<string | undefined>) | undefined;
  readonly #editor: LineEditor;
  readonly #frames: Frame[] = [];
  readonly #outputListeners = new Set<(ansi: string) => void>();
  readonly #commandListeners = new Set<(record: CommandRecord) => void>();
  readonly #exitListeners = new Set<(status: number) => void>();
  readonly #inputLog: InputRecord[] = [];
  readonly #ready: Promise<void>;
  #cols: number;
  #rows: number;
  /** Output written before anyone listens (the terminal island loads late). */
  #backlog = "";
  #capture: string[] | undefined;
  #queue = "";
  #busy = false;
  #pumping: Promise<void> = Promise.resolve();
  #abort: AbortController | undefined;
  /** A command has the terminal (not the line editor): Ctrl-C goes to it. */
  #commandRunning = false;
  #continuation: string[] = [];
  #frameOpened: (() => void) | undefined;
  #closed = false;
  readonly #realTime: boolean;
  /**
   * The host time the cluster's clock stands at; undefined until the first timestamp (the clock
   * starts there).
   */
  #hostNowMs: number | undefined;
  #sleeping: PendingSleep | undefined;
  #sleepTimer: ReturnType<typeof setTimeout> | undefined;
  /** No host is attached: a sleep's timer waits for resume(). */
  #suspended = false;
  readonly #clockInputListeners = new Set<(atMs: number) => void>();
  /** Timestamped inputs, applied in arrival order once the session has settled. */
  #arrivals: Promise<void> = Promise.resolve();
  #heldInputs = 0;
  #replaying = false;

  constructor(options: TerminalSessionOptions) {
    this.#seed = options.seed ?? 1;
    this.#cluster = options.cluster ?? clusterFor(options.scenario ?? "runbook", this.#seed);
    this.#openEditor = options.openEditor;
    this.#realTime = options.realTime ?? false;
    this.#kubectl = options.kubectl ?? createKubectlRunner(this.#cluster);
    this.#cols = Math.max(1, options.cols);
    this.#rows = Math.max(1, options.rows);
    this.fs = new InMemoryFs();
    const random = new SeededRandom(this.#seed);
    const workstation = new Shell({
      fs: this.fs,
      clock: this.#clock(),
      random: () => random.next(),
      env: WORKSTATION_ENV,
      cwd: HOME,
      user: "learner",
      hostname: "workstation",
      host: "workstation",
      colorPrompt: true,
      aliases: new Map([["k", "kubectl"]]),
      commands: [
        kubectlCommand(this.#kubectlHost()),
        ...editorCommands(this.#openEditor),
        new DockerEngine({
          images: () => this.#cluster.scenario?.images ?? [],
          image: (reference) => this.#cluster.image(reference),
          now: () => this.#cluster.clock.now(),
          advance: (ms) => this.#cluster.advance(ms),
          random: () => random.next(),
          waitForInterrupt: () => this.#waitForInterrupt(),
          gitRepositories: () => this.#cluster.scenario?.gitRepositories ?? [],
        }).command(),
        ...(options.extraCommands ?? []).map((command) =>
          defineCommand(command.name, async (args) => ({ ...(await command.run(args)) })),
        ),
      ],
    });
    this.#frames.push({ shell: workstation });
    this.#editor = new LineEditor({
      cols: this.#cols,
      maxLineLength: MAX_LINE_LENGTH,
      completer: (line, cursor) => this.#complete(line, cursor),
    });
    this.#ready = this.#prepareFiles(options.files ?? {});
    this.#busy = true;
    this.#pumping = this.#ready.then(() => {
      this.#busy = false;
      this.#emit(this.#editor.begin(this.#shell().prompt()));
      return this.#pump();
    });
  }

  /** The simulated cluster this terminal works on. */
  get cluster(): Cluster {
    return this.#cluster;
  }

  get cols(): number {
    return this.#cols;
  }

  get rows(): number {
    return this.#rows;
  }

  /**
   * Raw keystrokes from the terminal; `atMs` is the host's timestamp of them in a real-time
   * session (see the time rules at the top of this file). "" with a timestamp is a tick.
   */
  input(data: string, atMs?: number): void {
    if (this.#closed) return;
    if (!this.#realTime || atMs === undefined) {
      if (this.#heldInputs === 0) this.#accept({ atMs: this.#recordTime(), data });
      else this.#enqueue(() => this.#accept({ atMs: this.#recordTime(), data }));
      return;
    }
    this.#enqueue(async () => {
      await this.#passTime(atMs);
      this.#accept({ atMs, data });
    });
  }

  /**
   * A host attached again at `atMs` (a page opened the session, a server restarted): the time
   * since the previous input did not pass, and from here the clock follows the host again.
   */
  resume(atMs: number): void {
    if (this.#closed || !this.#realTime) return;
    this.#enqueue(() => {
      this.#hostNowMs = atMs;
      this.#suspended = false;
      this.#inputLog.push({ atMs, data: "", resumed: true });
      this.#armSleepTimer();
    });
  }

  /** No host is attached any more: time stands still until resume() (a sleep's timer stops). */
  suspend(): void {
    this.#suspended = true;
    clearTimeout(this.#sleepTimer);
  }

  /**
   * A sleep ended by the session's own timer enters as an empty input at `atMs`; a host that
   * stores the input log stores it too, in this order, so a replay ends the sleep at the same
   * point.
   */
  onClockInput(listener: (atMs: number) => void): () => void {
    this.#clockInputListeners.add(listener);
    return () => this.#clockInputListeners.delete(listener);
  }

  /** A command has the terminal (not the line editor): a host ticks the session meanwhile. */
  get commandRunning(): boolean {
    return this.#commandRunning;
  }

  #recordTime(): number {
    return this.#realTime ? (this.#hostNowMs ?? 0) : this.#cluster.clock.now();
  }

  /** Runs `step` after everything that arrived before it, once the session has settled. */
  #enqueue(step: () => void | Promise<void>): void {
    this.#heldInputs += 1;
    this.#arrivals = this.#arrivals.then(async () => {
      try {
        await this.#settle();
        if (!this.#closed) await step();
      } catch (error) {
        // A fault of the sandbox must neither deafen the terminal to later keys nor reach the
        // host as an unhandled rejection: the learner sees it and the next input goes on.
        this.#emit(`\nsandbox: ${error instanceof Error ? error.message : String(error)}\n`);
      } finally {
        this.#heldInputs -= 1;
      }
    });
  }

  /**
   * Moves the cluster to host time `atMs`. A sleep that ends on the way ends at its own time and
   * its line goes on first, as it did when the learner waited.
   */
  async #passTime(atMs: number): Promise<void> {
    if (this.#hostNowMs === undefined) {
      this.#hostNowMs = atMs;
      return;
    }
    for (;;) {
      const sleep = this.#sleeping;
      if (!sleep) break;
      const endAt = this.#hostNowMs + Math.max(0, sleep.endMs - this.#cluster.clock.now());
      if (atMs < endAt) break;
      this.#moveTo(endAt);
      sleep.finish();
      await this.#settle();
    }
    this.#moveTo(atMs);
  }

  #moveTo(atMs: number): void {
    const from = this.#hostNowMs;
    if (from === undefined || atMs <= from) return;
    this.#hostNowMs = atMs;
    const gap = atMs - from;
    this.#cluster.advance(this.#commandRunning ? gap : Math.min(gap, MAX_PROMPT_GAP_MS));
  }

  #accept(record: InputRecord): void {
    if (this.#closed) return;
    this.#inputLog.push(record);
    const { data } = record;
    if (this.#commandRunning && data.includes("\x03")) {
      // Ctrl-C reaches the running command (the tty echoes it); the rest is type-ahead. A sleep
      // ends here: the clock has moved to this keystroke.
      this.#abort?.abort();
      this.#emit("^C");
      this.#queue += data.slice(data.lastIndexOf("\x03") + 1);
      return;
    }
    if (data === "") return;
    this.#queue += data;
    this.#schedulePump();
  }

  onOutput(listener: (ansi: string) => void): () => void {
    this.#outputListeners.add(listener);
    if (this.#backlog !== "") {
      const backlog = this.#backlog;
      this.#backlog = "";
      listener(backlog);
    }
    return () => this.#outputListeners.delete(listener);
  }

  onCommand(listener: (record: CommandRecord) => void): () => void {
    this.#commandListeners.add(listener);
    return () => this.#commandListeners.delete(listener);
  }

  /** The learner left the workstation shell (`exit`, Ctrl-D on an empty line). */
  onExit(listener: (status: number) => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  resize(cols: number, rows: number): void {
    this.#cols = Math.max(1, Math.floor(cols));
    this.#rows = Math.max(1, Math.floor(rows));
    this.#editor.resize(this.#cols);
  }

  inputLog(): readonly InputRecord[] {
    return [...this.#inputLog];
  }

  /**
   * Feeds a recorded input log back in, waiting for each input as the live session did. In a
   * real-time session the clock moves by the logged timestamps, not by timers; a sleep still
   * running when the log ends goes on for the rest of its time.
   */
  async replay(log: readonly InputRecord[]): Promise<void> {
    this.#replaying = true;
    try {
      for (const record of log) {
        if (record.resumed === true) this.resume(record.atMs);
        else this.input(record.data, record.atMs);
        // Timestamped inputs already wait their turn, each once the session has settled.
        if (!this.#realTime) await this.idle();
      }
      await this.idle();
    } finally {
      this.#replaying = false;
    }
    this.#armSleepTimer();
  }

  /**
   * For a real-time host that does not stamp its ticks: `ms` of host time passed since the last
   * input while a command runs (`get -w`, `logs -f`), logged as a tick. At a prompt it does
   * nothing: the next keystroke's timestamp moves the clock.
   */
  tick(ms: number): void {
    if (this.#closed || !this.#realTime || !Number.isFinite(ms) || ms <= 0) return;
    this.#enqueue(async () => {
      if (!this.#commandRunning || this.#hostNowMs === undefined) return;
      const atMs = this.#hostNowMs + ms;
      await this.#passTime(atMs);
      this.#inputLog.push({ atMs, data: "" });
    });
  }

  /**
   * Resolves when every keystroke so far has been handled and the session waits for the next:
   * at a prompt, or in a command that waits for Ctrl-C (one still running after the event loop
   * turned with nothing else to do, since the sandbox's commands never wait on real time).
   */
  async idle(): Promise<void> {
    for (;;) {
      const arrivals = this.#arrivals;
      await arrivals;
      await this.#settle();
      if (arrivals === this.#arrivals) return;
    }
  }

  /** idle() without waiting for held-back input (which itself waits for this). */
  async #settle(): Promise<void> {
    for (;;) {
      const pumping = this.#pumping;
      const state = { finished: false };
      const done = pumping.then(() => {
        state.finished = true;
        return "done" as const;
      });
      const finished = (): boolean => state.finished;
      const blocked = (async () => {
        for (;;) {
          await nextMacrotask();
          if (finished()) return "done" as const;
          if (this.#waitsInCommand()) {
            await nextMacrotask();
            if (!finished() && this.#waitsInCommand()) return "blocked" as const;
          }
        }
      })();
      if ((await Promise.race([done, blocked])) === "blocked") return;
      if (pumping === this.#pumping) return;
    }
  }

  /** A command holds the terminal; keys typed meanwhile wait for the prompt (type-ahead). */
  #waitsInCommand(): boolean {
    return this.#commandRunning;
  }

  /** Runs one line as if typed at the prompt; returns what it printed (`\n` line endings). */
  async runLine(line: string): Promise<{ output: string; exitCode: number }> {
    await this.idle();
    const captured: string[] = [];
    this.#capture = captured;
    try {
      if (line.length > MAX_LINE_LENGTH) {
        this.#emit(lineTooLongNotice());
        return { output: captured.join(""), exitCode: 2 };
      }
      this.#shell().history.push(line);
      this.#editor.remember(line);
      await this.#execute(line);
      return {
        output: captured.join("").replace(/\r\n/g, "\n"),
        exitCode: this.#shell().lastStatus,
      };
    } finally {
      this.#capture = undefined;
    }
  }

  dispose(): void {
    this.#closed = true;
    clearTimeout(this.#sleepTimer);
    this.#abort?.abort();
    this.#outputListeners.clear();
    this.#clockInputListeners.clear();
    this.#commandListeners.clear();
    this.#exitListeners.clear();
  }

  #shell(): Shell {
    const top = this.#frames.at(-1);
    if (!top) throw new Error("the session has no shell");
    return top.shell;
  }

  #clock(): ShellClock {
    return {
      now: () => this.#cluster.clock.now(),
      advance: (ms) => this.#cluster.advance(ms),
      sleep: (ms, signal) => this.#sleep(ms, signal),
    };
  }

  /**
   * `sleep`: at once in a script or a session without a host clock; otherwise until the clock
   * reaches its end (the host's inputs and ticks move it, or the timer below), or until Ctrl-C.
   */
  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.#realTime || this.#capture || ms <= 0) {
      this.#cluster.advance(ms);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = (): void => {
        if (this.#sleeping !== sleep) return;
        this.#sleeping = undefined;
        clearTimeout(this.#sleepTimer);
        signal.removeEventListener("abort", finish);
        resolve();
      };
      const sleep: PendingSleep = { endMs: this.#cluster.clock.now() + ms, finish };
      this.#sleeping = sleep;
      signal.addEventListener("abort", finish, { once: true });
      this.#armSleepTimer();
    });
  }

  /**
   * When a sleep's time is up and no input came, the session gives itself an empty input at
   * the sleep's end (unless a replay decides that from the log, or no host is attached).
   */
  #armSleepTimer(): void {
    clearTimeout(this.#sleepTimer);
    const sleep = this.#sleeping;
    if (!sleep || this.#replaying || this.#suspended || this.#closed) return;
    const remaining = Math.max(0, sleep.endMs - this.#cluster.clock.now());
    this.#sleepTimer = setTimeout(() => {
      if (this.#sleeping !== sleep) return;
      this.#hostNowMs ??= 0;
      const atMs = this.#hostNowMs + Math.max(0, sleep.endMs - this.#cluster.clock.now());
      for (const listener of this.#clockInputListeners) listener(atMs);
      this.input("", atMs);
    }, remaining);
  }

  async #prepareFiles(files: Readonly<Record<string, string>>): Promise<void> {
    for (const dir of [HOME, "/tmp"]) await this.fs.mkdir(dir, { recursive: true });
    for (const [path, content] of Object.entries(files)) {
      await this.fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", { recursive: true });
      await this.fs.writeFile(path, content);
    }
  }

  #emit(text: string): void {
    if (text === "" || this.#closed) return;
    const ansi = text.replace(/\r?\n/g, "\r\n");
    if (this.#capture) {
      this.#capture.push(ansi);
      return;
    }
    if (this.#outputListeners.size === 0) {
      this.#backlog = (this.#backlog + ansi).slice(-256 * 1024);
      return;
    }
    for (const listener of this.#outputListeners) listener(ansi);
  }

  #schedulePump(): void {
    if (this.#busy) return;
    this.#pumping = this.#pumping.then(() => this.#pump());
  }

  async #pump(): Promise<void> {
    while (this.#queue !== "" && !this.#busy && !this.#closed) {
      const data = this.#queue;
      this.#queue = "";
      const { output, events, unconsumed } = this.#editor.feed(data);
      this.#emit(output);
      this.#queue = unconsumed + this.#queue;
      for (const event of events) {
        if (event.kind === "submit") await this.#submit(event.line);
        else if (event.kind === "interrupt") {
          this.#continuation = [];
          this.#shell().interruptPrompt();
          this.#emit(this.#editor.begin(this.#shell().prompt()));
        } else {
          this.#emit(this.#shell().farewell(true));
          if (await this.#leave(0)) this.#emit(this.#editor.begin(this.#shell().prompt()));
        }
      }
    }
  }

  async #submit(typed: string): Promise<void> {
    const line = [...this.#continuation, typed].join("\n");
    if (needsContinuation(line)) {
      this.#continuation.push(typed);
      this.#emit(this.#editor.begin(CONTINUATION_PROMPT));
      return;
    }
    this.#continuation = [];
    this.#editor.remember(line.replace(/\\\n/g, ""));
    this.#shell().history.push(line.replace(/\\\n/g, ""));
    this.#busy = true;
    try {
      await this.#execute(line);
    } finally {
      this.#busy = false;
    }
    if (!this.#closed) this.#emit(this.#editor.begin(this.#shell().prompt()));
  }

  /**
   * Runs a line in the innermost shell and returns when the session waits for input again: the
   * line finished, or it opened a nested shell (kubectl debug -it) that now takes the input.
   */
  async #execute(line: string): Promise<void> {
    const exit = EXIT_LINE.exec(line);
    if (exit) {
      // bash prints "exit" when an interactive shell leaves; BusyBox ash prints nothing.
      this.#emit(this.#shell().farewell(false));
      await this.#leave(Number(exit[1] ?? this.#shell().lastStatus));
      return;
    }
    const frame = this.#frames.at(-1);
    if (!frame) return;
    const abort = new AbortController();
    this.#abort = abort;
    const opened = new Promise<void>((resolve) => {
      this.#frameOpened = resolve;
    });
    const run = frame.shell
      .run(line, abort.signal, (text) => this.#emit(text))
      .then((result) => {
        // bash prints nothing of its own when Ctrl-C ends a command; the tty has echoed ^C.
        const printed = abort.signal.aborted
          ? (result.stdout + result.stderr).replace(/^bash: execution aborted\n?/m, "")
          : result.stdout + result.stderr;
        this.#emit(printed);
        if (abort.signal.aborted && !printed.endsWith("\n")) this.#emit("\n");
        for (const listener of this.#commandListeners) {
          listener({
            line,
            exitCode: result.exitCode,
            atMs: this.#cluster.clock.now(),
            host: frame.shell.host,
          });
        }
      });
    frame.suspended = run;
    this.#commandRunning = true;
    await Promise.race([run, opened]);
    this.#commandRunning = false;
    this.#frameOpened = undefined;
  }

  /**
   * Leaves the innermost shell; the workstation shell's exit ends the session. Returns whether a
   * shell is left to prompt.
   */
  async #leave(status: number): Promise<boolean> {
    if (this.#frames.length <= 1) {
      for (const listener of this.#exitListeners) listener(status);
      this.#closed = true;
      return false;
    }
    const frame = this.#frames.pop();
    frame?.close?.(status);
    const parent = this.#frames.at(-1);
    // The kubectl that opened the shell now finishes; its output belongs to this line.
    this.#commandRunning = true;
    await parent?.suspended;
    this.#commandRunning = false;
    return true;
  }

  #kubectlHost(): KubectlHost {
    return {
      runner: this.#kubectl,
      fs: this.fs,
      columns: () => this.#cols,
      terminal: () => this.#shell().running?.terminal,
      // An interactive attach inside a `;`/`&&` list writes to the screen as it goes.
      screen: (text) => this.#emit(text),
      // In a script no one can press Ctrl-C: a watch or follow prints what there is and ends.
      signal: () => (this.#capture ? AbortSignal.abort() : this.#currentSignal()),
      attachShell: (spec, io) => this.#attach(spec, io),
      openEditor: this.#openEditor,
    };
  }

  #currentSignal(): AbortSignal {
    return this.#shell().running?.signal ?? new AbortController().signal;
  }

  /** Resolves on Ctrl-C; at once in a script (runLine), where no one can press it. */
  #waitForInterrupt(): Promise<void> {
    const signal = this.#currentSignal();
    if (this.#capture || signal.aborted) return Promise.resolve();
    return new Promise((resolve) =>
      signal.addEventListener("abort", () => resolve(), { once: true }),
    );
  }

  #containerContext(): ContainerShellContext {
    const random = new SeededRandom(this.#seed + this.#frames.length);
    return {
      cluster: this.#cluster,
      clock: this.#clock(),
      random: () => random.next(),
      openShell: (shell) => this.#openNested(shell),
      waitForInterrupt: () => {
        const signal = this.#currentSignal();
        if (this.#capture || signal.aborted) return Promise.resolve();
        return new Promise((resolve) =>
          signal.addEventListener("abort", () => resolve(), { once: true }),
        );
      },
    };
  }

  /** kubectl attaches the terminal to a container (debug node/..., exec -it, run -it). */
  async #attach(spec: AttachSpec, io: AttachIo): Promise<number> {
    const shell = containerShell(spec, this.#containerContext());
    if (!shell) {
      io.stderr(`error: unable to upgrade connection: container not found ("${spec.container}")\n`);
      return 1;
    }
    const ownProcess = this.#entrypointProcess(spec);
    if (ownProcess) return this.#followProcess(spec, ownProcess, io);
    const command = spec.command ?? [];
    const [program, ...rest] = command;
    const opensShell =
      program === undefined ||
      (/^(?:\/(?:usr\/)?bin\/)?(?:ba)?sh$/.test(program) && rest.length === 0);
    if (!opensShell) {
      const result = await runContainerCommand(shell, command, this.#currentSignal(), (text) =>
        io.stdout(text),
      );
      io.stdout(result.output);
      return result.exitCode;
    }
    // A shell with no stdin reads end-of-file at once and exits, as the container's would.
    if (!spec.interactive) return 0;
    return await this.#openNested(shell);
  }

  /**
   * `kubectl run -it --image=alpine/git -- ls-remote URL` (or `--command -- git ls-remote URL`)
   * attaches to the container's own process: git, not a shell running the words. It is so when the
   * attached words are the container's command and args, and the program they run (the command's,
   * else the image's entrypoint) is not a shell. Returns the container's name then.
   */
  #entrypointProcess(spec: AttachSpec): string | undefined {
    if (spec.kind !== "container" || spec.command === undefined) return undefined;
    const pod = this.#cluster.store.get<Pod>("pods", spec.namespace, spec.pod);
    const container = pod?.spec?.containers.find((c) => c.name === spec.container);
    if (!container) return undefined;
    const own = [...(container.command ?? []), ...(container.args ?? [])];
    if (own.join("\0") !== spec.command.join("\0")) return undefined;
    const program = container.command?.[0] ?? this.#cluster.image(spec.image)?.entrypoint[0];
    if (program === undefined || /^(?:\/(?:usr\/)?bin\/)?(?:ba)?sh$/.test(program))
      return undefined;
    return container.name;
  }

  /**
   * The attached process's output until it exits (virtual time runs, at most a minute, or until
   * Ctrl-C), then its exit code, as the attach stream and kubectl's exit status show them.
   */
  #followProcess(spec: AttachSpec, container: string, io: AttachIo): number {
    const signal = this.#currentSignal();
    const terminated = () =>
      this.#cluster.store
        .get<Pod>("pods", spec.namespace, spec.pod)
        ?.status?.containerStatuses?.find((c) => c.name === container)?.state?.terminated;
    for (let waited = 0; waited < 60 && terminated() === undefined && !signal.aborted; waited++)
      this.#cluster.advance(1000);
    for (const line of this.#cluster.podLogs(spec.namespace, spec.pod, container)) {
      if (line.stream === "stdout") io.stdout(`${line.text}\n`);
      else io.stderr(`${line.text}\n`);
    }
    return terminated()?.exitCode ?? 0;
  }

  /** Gives the terminal to a nested shell until it exits. */
  #openNested(shell: Shell): Promise<number> {
    return new Promise<number>((resolve) => {
      this.#frames.push({ shell, close: resolve });
      this.#frameOpened?.();
    });
  }

  #complete(line: string, cursor: number): Completion {
    return completeLine(line, cursor, {
      commands: this.#shell().commandNames(),
      paths: this.fs.getAllPaths(),
      cwd: this.#shell().cwd,
      objectNames: clusterObjectNames(this.#cluster),
    });
  }
}

function hasOpenHereDocument(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasOpenHereDocument);
  if (typeof node !== "object" || node === null) return false;
  const { type, terminated } = node as { type?: unknown; terminated?: unknown };
  if (type === "HereDoc" && terminated === false) return true;
  return Object.values(node).some(hasOpenHereDocument);
}

function clusterFor(scenario: ScenarioSpec | ScenarioInput | string, seed: number): Cluster {
  return createCluster(typeof scenario === "string" ? builtinScenario(scenario) : scenario, seed);
}

/**
 * bash reads more lines while a quote is open, the line ends in `\`, `|`, `&&` or `||`, or a
 * here-document (`cat > f.yaml <<'EOF'`) has not reached its delimiter line.
 */
function needsContinuation(line: string): boolean {
  if (/(?:\\|\||&&)\s*$/.test(line) && !/^\s*#/.test(line)) return true;
  try {
    return hasOpenHereDocument(parse(line));
  } catch (error) {
    // An open quote, or a compound command (`for ...; do`, `if ...; then`, `f() {`) not closed yet.
    return (
      error instanceof Error &&
      (error.message.includes("unexpected EOF while looking for matching") ||
        /Expected [^\n]*, got EOF$/.test(error.message))
    );
  }
}
