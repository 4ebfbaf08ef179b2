/**
 * A test double of the shell's TerminalSession seam (contract 3): echoes keystrokes, runs a line
 * on Enter. `count` prints how many lines ran before it, so a replay that lost or reordered input
 * shows a different number; `edit` asks the page's editor as `kubectl edit` does; `cat PATH` prints a file the editor saved; `flood N` prints N bytes; `exit` leaves the shell;
 * `reset` and `reset --new` ask for a fresh session as a lab's `lab reset` does; `watch` runs
 * until Ctrl-C and prints the time of every tick that moved the clock, as `kubectl get -w` prints
 * what changed.
 * It keeps the times it was handed (`times`): inputs, ticks, resumes and suspends.
 */
import type {
  LiveTerminal,
  ReplayEntry,
  TerminalHooks,
  TerminalSeam,
} from "../../../../src/server/sessions/terminal-backend.ts";

export class FakeTerminal implements TerminalSeam {
  #listeners: ((ansi: string) => void)[] = [];
  #exitListeners: ((status: number) => void)[] = [];
  readonly resetListeners: ((request: { newVariant: boolean }) => void)[] = [];
  replayed = 0;
  #pending = "$ ";
  #line = "";
  #lines = 0;
  readonly seed: number;
  hooks: TerminalHooks | undefined;
  #busy: Promise<void> = Promise.resolve();
  readonly files = new Map<string, string>();
  disposed = false;
  size = { cols: 80, rows: 24 };
  commandRunning = false;
  #lastTickAt: number | undefined;
  /** What the host said about time, in order: `input@T`, `tick@T`, `resume@T`, `suspend`. */
  readonly times: string[] = [];

  constructor(seed: number) {
    this.seed = seed;
  }

  onOutput(listener: (ansi: string) => void): void {
    this.#listeners.push(listener);
    if (this.#pending) this.#emit("");
  }

  #emit(text: string): void {
    const all = this.#pending + text;
    if (this.#listeners.length === 0) {
      this.#pending = all;
      return;
    }
    this.#pending = "";
    for (const listener of this.#listeners) listener(all);
  }

  input(data: string, atMs?: number): void {
    this.times.push(`${data === "" ? "tick" : "input"}@${String(atMs)}`);
    if (this.commandRunning) {
      if (data.includes("\x03")) {
        this.commandRunning = false;
        this.#emit("^C\r\n$ ");
      } else if (data === "" && atMs !== this.#lastTickAt) {
        this.#lastTickAt = atMs;
        this.#emit(`tick ${String(atMs)}\r\n`);
      }
      return;
    }
    for (const char of data) {
      if (char !== "\r") {
        this.#line += char;
        this.#emit(char);
        continue;
      }
      const line = this.#line.trim();
      this.#line = "";
      let out = "";
      if (line === "exit") {
        for (const listener of this.#exitListeners) listener(0);
        return;
      }
      if (line === "reset" || line === "reset --new") {
        for (const listener of this.resetListeners) listener({ newVariant: line !== "reset" });
        return;
      }
      if (line === "edit") {
        this.#lines++;
        const hooks = this.hooks;
        this.#busy = (async () => {
          const saved = await hooks?.openEditor({
            fileName: "kubectl-edit-1.yaml",
            content: "a: 1",
          });
          this.#emit(
            saved === undefined
              ? "\r\nEdit cancelled, no changes made.\r\n$ "
              : `\r\nedited: ${saved}\r\n$ `,
          );
        })();
        return;
      }
      if (line.startsWith("cat ")) {
        const content = this.files.get(line.slice(4));
        this.#lines++;
        this.#emit(`\r\n${content ?? "cat: no such file"}\r\n$ `);
        return;
      }
      if (line === "watch") {
        this.#lines++;
        this.commandRunning = true;
        this.#emit("\r\n");
        return;
      }
      if (line === "count") out = `${this.#lines}\r\n`;
      else if (line === "seed") out = `${this.seed}\r\n`;
      else if (line.startsWith("flood ")) out = "x".repeat(Number(line.slice(6)));
      else if (line === "kubectl get pods")
        out = "NAME    READY   STATUS\r\nweb-1   0/1     CrashLoopBackOff\r\n";
      else if (line !== "") out = `bash: ${line}: command not found\r\n`;
      this.#lines++;
      this.#emit(`\r\n${out}$ `);
    }
  }

  /** `replayed` counts the keystrokes replayed (not ticks or resumes). */
  async replay(log: readonly ReplayEntry[]): Promise<void> {
    for (const entry of log) {
      if (entry.resumed === true) this.resume(entry.atMs);
      else this.input(entry.data, entry.atMs);
      if (entry.data !== "") this.replayed++;
      await this.idle();
    }
  }

  resume(atMs: number): void {
    this.times.push(`resume@${String(atMs)}`);
  }

  suspend(): void {
    this.times.push("suspend");
  }

  idle(): Promise<void> {
    return this.#busy;
  }

  onExit(listener: (status: number) => void): void {
    this.#exitListeners.push(listener);
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
  }

  dispose(): void {
    this.disposed = true;
  }
}

export function fakeFactory(
  created: FakeTerminal[] = [],
): (target: unknown, seed: number, size: unknown, hooks: TerminalHooks) => LiveTerminal {
  return (_target, seed, _size, hooks) => {
    const terminal = new FakeTerminal(seed);
    terminal.hooks = hooks;
    created.push(terminal);
    return {
      terminal,
      files: {
        read: (path: string) => {
          const content = terminal.files.get(path);
          return content === undefined
            ? Promise.reject(new Error(`${path}: no such file`))
            : Promise.resolve(content);
        },
        write: (path: string, content: string) => {
          terminal.files.set(path, content);
          return Promise.resolve();
        },
      },
      onReset: (listener: (request: { newVariant: boolean }) => void) =>
        terminal.resetListeners.push(listener),
    };
  };
}
