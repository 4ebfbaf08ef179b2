/**
 * One bash shell of the sandbox (the learner's workstation, or a debug pod on a node): just-bash
 * parses and runs each line against a virtual filesystem, and this class keeps what bash keeps
 * between lines (variables, working directory, aliases, `$?`, history) and adds the commands that
 * must not come from the host (date and sleep on the virtual clock, kubectl, node tools).
 */
import { Bash, defineCommand, getCommandNames, parse, serialize } from "just-bash";
import type { Command, CommandName, IFileSystem } from "just-bash";
import {
  EXECUTION_LIMITS,
  MAX_OUTPUT_BYTES,
  inSandboxWords,
  outputLimitNotice,
} from "./budgets.ts";
import { dateCommand } from "./commands/date.ts";
import { grepCommand } from "./commands/grep.ts";
import { sleepCommand } from "./commands/sleep.ts";
import { sortCommand } from "./commands/sort.ts";
import { statCommand } from "./commands/stat.ts";
import { textToolCommands } from "./commands/text-tools.ts";
import { VirtualTimeFs } from "./commands/file-times.ts";
import type { MountPoint } from "./commands/stat.ts";
import { uniqCommand } from "./commands/uniq.ts";
import { LINE_END_COMMAND, LineRewriter } from "./line-rewriter.ts";

export { defineCommand } from "just-bash";

/** Built-ins that would reach outside the sandbox or run guest code; a workstation shell lacks them. */
const EXCLUDED_BUILTINS = new Set([
  "curl",
  "html-to-markdown",
  "python",
  "python3",
  "js-exec",
  "node",
  "sqlite3",
  "xan",
  "rg",
]);

/** Time as the shell sees it: the cluster's virtual clock. */
export interface ShellClock {
  now(): number;
  /** Lets virtual time pass (and the cluster act on it). */
  advance(ms: number): void;
  /**
   * What `sleep` waits on: the session lets `ms` of virtual time pass, at once or as real time
   * passes in a terminal, and less when Ctrl-C aborts `signal`. Without it, time passes at once.
   */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

export interface ShellOptions {
  readonly fs: IFileSystem;
  readonly clock: ShellClock;
  /** Seeded numbers in [0, 1) for `$RANDOM`. */
  readonly random: () => number;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly user: string;
  readonly hostname: string;
  /**
   * Where this shell runs, as command records report it: "workstation", "debug-pod:NODE",
   * "node:NODE" (chroot /host in a node debug pod), "pod:NAMESPACE/POD".
   */
  readonly host: string;
  /** Commands added to (or replacing) the built-ins: kubectl, node tools, `lab`, ... */
  readonly commands: readonly Command[];
  /** Built-in commands this shell's image does not have. */
  readonly without?: readonly string[];
  /**
   * Coach hints for commands a learner expects here but that the image lacks (journalctl in a
   * debug pod): after bash's "command not found", one dim line marked [coach] with what works.
   */
  readonly hints?: Readonly<Record<string, (args: readonly string[]) => string>>;
  readonly aliases?: ReadonlyMap<string, string>;
  /**
   * Colours the prompt as Ubuntu's .bashrc does on a colour terminal (TERM=xterm-256color); a
   * `kubectl debug -it` terminal is plain xterm, where the same .bashrc keeps the prompt plain.
   */
  readonly colorPrompt?: boolean;
  /**
   * Which shell this is: bash (the default); BusyBox ash as in busybox and alpine images, whose
   * prompt is its PS1 `\w \$ `, which says `sh: X: not found` and prints nothing on `exit`; or
   * dash, Debian's and Ubuntu's /bin/sh (prompt `# `, `sh: 1: X: not found`, no `[[`, no arrays,
   * an echo without -e).
   */
  readonly dialect?: Dialect;
  /** How ash or dash was started (argv[0], `sh` or `/bin/sh`): it starts their messages. */
  readonly arg0?: string;
  /** Brings files that mirror live state (a node's /proc) up to date before each line. */
  readonly beforeRun?: () => Promise<void>;
  /** The mount table `stat -f` reads; a Linux workstation's when not given. */
  readonly mounts?: readonly MountPoint[];
}

/** A Linux workstation on the unified cgroup v2 hierarchy (systemd's default since 2021). */
const WORKSTATION_MOUNTS: readonly MountPoint[] = [
  { dir: "/", type: "ext4" },
  { dir: "/proc", type: "proc" },
  { dir: "/sys", type: "sysfs" },
  { dir: "/sys/fs/cgroup", type: "cgroup2" },
  { dir: "/dev", type: "devtmpfs" },
  { dir: "/dev/shm", type: "tmpfs" },
  { dir: "/run", type: "tmpfs" },
];

export type Dialect = "bash" | "ash" | "dash";

export interface LineResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** What the command currently running may use: where Ctrl-C arrives, and the terminal. */
export interface RunContext {
  readonly signal: AbortSignal;
  /** Set when the line is one command whose output is the terminal (no pipe, no redirection). */
  readonly terminal: ((text: string) => void) | undefined;
}

/** Whether a parsed node holds a `$(...)`, backquotes or `<(...)`, whose output bash captures. */
function capturesOutput(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(capturesOutput);
  if (typeof node !== "object" || node === null) return false;
  const { type } = node as { type?: unknown };
  if (type === "CommandSubstitution" || type === "ProcessSubstitution") return true;
  return Object.values(node).some(capturesOutput);
}

/**
 * Whether a line is a single simple command with nothing piped, redirected or captured: only then
 * may a command write straight to the terminal (and stream, like `kubectl get -w`). In
 * `NODE=$(kubectl ...)` the output belongs to the variable, not the screen, and a function's
 * commands may be piped inside it.
 */
function ownsTerminal(line: string, isFunction: (name: string) => boolean): boolean {
  try {
    const { statements } = parse(line);
    const pipelines = statements.length === 1 ? statements[0]?.pipelines : undefined;
    const commands = pipelines?.length === 1 ? pipelines[0]?.commands : undefined;
    const command = commands?.length === 1 ? commands[0] : undefined;
    const name = command?.type === "SimpleCommand" ? command.name?.parts[0] : undefined;
    return (
      command?.type === "SimpleCommand" &&
      command.name !== null &&
      !(name?.type === "Literal" && isFunction(name.value)) &&
      command.redirections.length === 0 &&
      !capturesOutput(command)
    );
  } catch {
    return false;
  }
}

export class Shell {
  readonly user: string;
  readonly hostname: string;
  readonly host: string;
  readonly history: string[] = [];
  readonly #bash: Bash;
  readonly #rewriter = new LineRewriter();
  readonly #aliases: Map<string, string>;
  readonly #clock: ShellClock;
  readonly #random: () => number;
  readonly #beforeRun: (() => Promise<void>) | undefined;
  readonly #colorPrompt: boolean;
  readonly #dialect: Dialect;
  /** Lines this shell has read: dash numbers its messages with it. */
  #linesRead = 0;
  readonly #arg0: string;
  readonly #mounts: readonly MountPoint[];
  readonly #commandNames: readonly string[];
  readonly #loginEnv: Readonly<Record<string, string>>;
  readonly #loginCwd: string;
  readonly #loginAliases: ReadonlyMap<string, string>;
  #env: Record<string, string>;
  #cwd: string;
  #lastStatus = 0;
  /** `set -o` / `shopt` lines that bring back the options earlier lines changed. */
  #options: readonly string[] = [];
  #running: RunContext | undefined;
  #lineEndedShell: { readonly status: number; readonly by: "errexit" | "exit" } | undefined;
  readonly #shellOptions: ShellOptions;
  /** How many lines ran to their end (LINE_END_COMMAND): one cut short does not count. */
  #linesEnded = 0;

  constructor(options: ShellOptions) {
    this.#shellOptions = options;
    this.user = options.user;
    this.hostname = options.hostname;
    this.host = options.host;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#beforeRun = options.beforeRun;
    this.#colorPrompt = options.colorPrompt ?? false;
    this.#dialect = options.dialect ?? "bash";
    this.#arg0 = options.arg0 ?? "sh";
    this.#mounts = options.mounts ?? WORKSTATION_MOUNTS;
    this.#env = { ...options.env };
    this.#cwd = options.cwd;
    this.#aliases = new Map(options.aliases ?? []);
    this.#loginEnv = { ...options.env };
    this.#loginCwd = options.cwd;
    this.#loginAliases = new Map(this.#aliases);
    const without = new Set([
      ...EXCLUDED_BUILTINS,
      ...(options.without ?? []),
      ...Object.keys(options.hints ?? {}),
    ]);
    const builtins = getCommandNames().filter((name) => !without.has(name)) as CommandName[];
    const custom = [
      ...this.#shellCommands(),
      ...[...without].map((name) => missingCommand(name, options.hints?.[name])),
      ...options.commands,
    ];
    this.#commandNames = [
      ...builtins,
      ...custom
        .map((command) => command.name)
        .filter((name) => !without.has(name) && name !== LINE_END_COMMAND),
    ];
    this.#bash = new Bash({
      fs: new VirtualTimeFs(options.fs, () => this.#clock.now()),
      cwd: options.cwd,
      env: this.#env,
      commands: builtins,
      executionLimits: EXECUTION_LIMITS,
      sleep: (ms) => this.#sleep(ms, this.#running?.signal ?? new AbortController().signal),
      processInfo: { pid: 1, ppid: 0, uid: options.user === "root" ? 0 : 1000, gid: 1000 },
      customCommands: custom,
    });
    this.#bash.registerTransformPlugin(this.#rewriter);
  }

  get cwd(): string {
    return this.#cwd;
  }

  get lastStatus(): number {
    return this.#lastStatus;
  }

  /** Ctrl-C at the prompt: readline's SIGINT handler sets `$?` to 130 (128 + SIGINT) in bash 5.2. */
  interruptPrompt(): void {
    this.#lastStatus = 130;
  }

  /**
   * How the last line ended the shell, if it did: a failure under `set -e` (after which this shell
   * has already started over as a new login shell), or an `exit` inside a longer line
   * (`echo bye; exit 3`), which bash obeys as it would a bare `exit`. A terminal may leave a
   * nested shell (a debug pod) on either, as bash would.
   */
  get lineEndedShell(): { readonly status: number; readonly by: "errexit" | "exit" } | undefined {
    return this.#lineEndedShell;
  }

  /**
   * The prompt bash draws from Ubuntu's default PS1 (`\u@\h:\w\$ `), or ash from BusyBox's
   * (`\w \$ `, ash.c initvar with FEATURE_EDITING_FANCY_PROMPT): `/ # `, `~ # ` at home.
   */
  prompt(): string {
    const home = this.#env["HOME"];
    const dir =
      home && (this.#cwd === home || this.#cwd.startsWith(`${home}/`))
        ? `~${this.#cwd.slice(home.length)}`
        : this.#cwd;
    const sign = this.user === "root" ? "#" : "$";
    if (this.#dialect === "ash") return `${dir} ${sign} `;
    // dash's PS1 is "$ " ("# " for root) and knows no escapes.
    if (this.#dialect === "dash") return `${sign} `;
    if (!this.#colorPrompt) return `${this.user}@${this.hostname}:${dir}${sign} `;
    return `\x1b[01;32m${this.user}@${this.hostname}\x1b[00m:\x1b[01;34m${dir}\x1b[00m${sign} `;
  }

  /**
   * What the shell prints as it leaves, on `exit` or at end of input (Ctrl-D): bash says "exit"
   * for both; ash and dash say nothing on `exit` and end the line at end of input.
   */
  farewell(atEndOfInput: boolean): string {
    if (this.#dialect === "bash") return "exit\n";
    return atEndOfInput ? "\n" : "";
  }

  /** Names of every command this shell knows, for completion. */
  commandNames(): string[] {
    return [...new Set([...this.#commandNames, ...this.#aliases.keys()])].sort();
  }

  /** Runs one line as bash would, keeping its variables, directory and status for the next. */
  async run(
    line: string,
    signal: AbortSignal,
    terminal: (text: string) => void,
  ): Promise<LineResult> {
    await this.#beforeRun?.();
    this.#linesRead += 1;
    this.#lineEndedShell = undefined;
    const syntaxError =
      emptyCommandError(line) ?? (this.#dialect === "bash" ? undefined : arrayError(line));
    if (syntaxError !== undefined) {
      this.#lastStatus = 2;
      return { stdout: "", stderr: this.#inDialect(syntaxError, line), exitCode: 2 };
    }
    const owns = ownsTerminal(line, (name) => this.#rewriter.definesFunction(name));
    this.#running = { signal, terminal: owns ? terminal : undefined };
    try {
      const traced = this.#mayTrace(line) ? tracedStatements(line) : undefined;
      if (traced === undefined) {
        const result = await this.#execute(line, signal, true);
        return this.#finish(result, line, signal);
      }
      // Under `set -x` each top-level statement runs on its own, so that its trace (stderr) can
      // be shown before its output, as bash writes it.
      let output = "";
      let last: ExecResult = { stdout: "", stderr: "", exitCode: 0, completed: true };
      for (const { source, depths } of traced) {
        last = await this.#execute(source, signal, false);
        output += traceFirst(last.stdout, last.stderr, depths);
        if (!last.completed || signal.aborted) break;
      }
      return this.#finish({ ...last, stdout: output, stderr: "" }, line, signal);
    } finally {
      this.#running = undefined;
    }
  }

  /** Whether `set -x` is on, or this line may turn it on. */
  #mayTrace(line: string): boolean {
    return this.#options.includes(XTRACE) || /\bset\b[^\n]*(?:\s-\w*x|xtrace)/.test(line);
  }

  /** One run of just-bash, with the state of the lines before it. */
  async #execute(source: string, signal: AbortSignal, mergeStderr: boolean): Promise<ExecResult> {
    this.#rewriter.state = {
      aliases: this.#aliases,
      lastStatus: this.#lastStatus,
      random: this.#random,
      options: this.#options,
      posixShell: this.#dialect === "dash",
      mergeStderr,
    };
    const linesEnded = this.#linesEnded;
    const result = await this.#bash.exec(source, {
      env: this.#env,
      replaceEnv: true,
      cwd: this.#cwd,
      signal,
    });
    const env: Record<string, string> = { ...result.env };
    this.#options = changedOptions(env);
    delete env["?"];
    this.#env = env;
    this.#cwd = env["PWD"] ?? this.#cwd;
    this.#lastStatus = signal.aborted ? 130 : result.exitCode;
    return {
      stdout: inSandboxWords(result.stdout.replace(LINE_END_TRACE, "")),
      stderr: inSandboxWords(result.stderr.replace(LINE_END_TRACE, "")),
      exitCode: this.#lastStatus,
      completed: this.#linesEnded !== linesEnded,
    };
  }

  /** The line's result as the terminal shows it; under `set -e` a failure ends the shell. */
  #finish(result: ExecResult, line: string, signal: AbortSignal): LineResult {
    const { exitCode } = result;
    const cutShort = !signal.aborted && !result.completed;
    const ended = cutShort && exitCode !== 0 && this.#options.includes(ERREXIT);
    this.#lineEndedShell = ended
      ? { status: exitCode, by: "errexit" }
      : cutShort && /(?:^|[\s;&|({])exit\b/.test(line)
        ? { status: exitCode, by: "exit" }
        : undefined;
    if (ended) this.#startOver();
    const shown = (text: string): string => this.#inDialect(bashSyntaxErrors(text, line), line);
    return capOutput({
      stdout: shown(result.stdout),
      stderr: shown(result.stderr) + (ended ? `${coachLine(errexitNotice(exitCode))}\n` : ""),
      exitCode,
    });
  }

  /**
   * bash's "command not found" in ash's words, `sh: X: not found` (ash.c shellexec, ash_vmsg),
   * bash's cd error in ash's (`sh: cd: can't cd to DIR: REASON`, ash.c cdcmd), and GNU cat's
   * missing file in BusyBox cat's (libbb open_or_warn: `can't open 'FILE'`).
   */
  #inDialect(output: string, line: string): string {
    if (this.#dialect === "bash") return output;
    if (this.#dialect === "dash") return this.#inDash(output, line);
    return output
      .replace(
        /^bash: (?:line \d+: )?([^:\n]+): command not found$/gm,
        (_, name: string) => `${this.#arg0}: ${name}: not found`,
      )
      .replace(
        /^bash: (?:line \d+: )?cd: ([^\n]+): (No such file or directory|Not a directory|Permission denied)$/gm,
        (_, dir: string, reason: string) => `${this.#arg0}: cd: can't cd to ${dir}: ${reason}`,
      )
      .replace(
        /^cat: ([^\n]+): No such file or directory$/gm,
        "cat: can't open '$1': No such file or directory",
      )
      .replace(SYNTAX_ERROR, (message: string) =>
        posixSyntaxError(message, line, {
          prefix: `${this.#arg0}: syntax error:`,
          unexpected: (token) => `unexpected "${token}"`,
          endOfFile: "unexpected end of file",
          unterminated: "unterminated quoted string",
          missingBrace: "missing '}'",
        }),
      );
  }

  /**
   * Under `set -e` a failing command makes bash exit, interactive or not (the terminal tab
   * closes, nothing printed); here the same terminal goes on in a new login shell: the variables,
   * directory, aliases, functions and options of the one that ended are gone.
   */
  #startOver(): void {
    this.#env = { ...this.#loginEnv };
    this.#cwd = this.#loginCwd;
    this.#aliases.clear();
    for (const [name, text] of this.#loginAliases) this.#aliases.set(name, text);
    this.#options = [];
    this.#lastStatus = 0;
    this.#rewriter.forgetFunctions();
  }

  /**
   * bash's messages in dash's words: `sh: N: X: not found` (N the line read), `sh: N: cd: can't
   * cd to DIR`, and its parser's `Syntax error: "X" unexpected`, `end of file unexpected
   * (expecting "fi")`, `Unterminated quoted string` (dash src/parser.c, src/error.c).
   */
  #inDash(output: string, line: string): string {
    const at = `${this.#arg0}: ${this.#linesRead}:`;
    return output
      .replace(
        /^bash: (?:line \d+: )?([^:\n]+): command not found$/gm,
        (_, name: string) => `${at} ${name}: not found`,
      )
      .replace(
        /^bash: (?:line \d+: )?cd: ([^\n]+): (?:No such file or directory|Not a directory|Permission denied)$/gm,
        (_, dir: string) => `${at} cd: can't cd to ${dir}`,
      )
      .replace(SYNTAX_ERROR, (message: string) =>
        posixSyntaxError(message, line, {
          prefix: `${at} Syntax error:`,
          unexpected: (token) => `"${token}" unexpected`,
          endOfFile: "end of file unexpected",
          unterminated: "Unterminated quoted string",
          missingBrace: "Missing '}'",
        }),
      );
  }

  /** The Ctrl-C signal of the command running now, for commands that wait (`-w`, `-f`). */
  get running(): RunContext | undefined {
    return this.#running;
  }

  /** Virtual time passes only through the clock: a session is a function of its input. */
  async #sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    if (this.#clock.sleep) await this.#clock.sleep(ms, signal);
    else this.#clock.advance(ms);
  }

  #shellCommands(): Command[] {
    return [
      dateCommand(() => this.#clock.now()),
      sleepCommand((ms, signal) => this.#sleep(ms, signal)),
      uniqCommand(),
      grepCommand(),
      sortCommand(),
      statCommand(() => this.#mounts),
      // BusyBox shells keep the applets' own wording (busybox.ts).
      ...(this.#dialect === "ash" ? [] : textToolCommands(() => this.#clock.now())),
      defineCommand(LINE_END_COMMAND, (args) => {
        this.#linesEnded += 1;
        return Promise.resolve({ stdout: "", stderr: "", exitCode: Number(args[0]) });
      }),
      ...(this.#dialect === "dash" ? [dashEcho()] : []),
      ...(this.#dialect === "bash" ? [this.#dashCommand()] : []),
      defineCommand("whoami", () => ok(`${this.user}\n`)),
      defineCommand("hostname", () => ok(`${this.hostname}\n`)),
      defineCommand("alias", (args) => Promise.resolve(this.#alias(args))),
      defineCommand("unalias", (args) => Promise.resolve(this.#unalias(args))),
      defineCommand("history", (args) => Promise.resolve(this.#history(args))),
    ];
  }

  /**
   * `sh -c SCRIPT` and `sh FILE` where bash is the login shell (Ubuntu and Debian: the
   * workstation, a debug pod, a node): /bin/sh there is dash, which runs them with its own
   * messages (`sh: 1: foo: not found`) and without bash's extensions. Other forms go to the
   * built-in sh.
   */
  #dashCommand(): Command {
    return defineCommand("sh", async (args, ctx) => {
      const [first, script] = args;
      let source: string | undefined;
      // dash names a script by its path in its messages, a -c string by its own name.
      let arg0 = "sh";
      if (first === "-c" && script !== undefined) source = script;
      else if (first !== undefined && !first.startsWith("-")) {
        const path = first.startsWith("/") ? first : `${ctx.cwd.replace(/\/$/, "")}/${first}`;
        if (!(await ctx.fs.exists(path))) {
          return { stdout: "", stderr: `sh: 0: cannot open ${first}: No such file\n`, exitCode: 2 };
        }
        source = await ctx.fs.readFile(path);
        arg0 = first;
      }
      if (source === undefined) {
        if (ctx.origCommand) return await ctx.origCommand(args);
        return { stdout: "", stderr: "", exitCode: 0 };
      }
      const env = { ...(ctx.exportedEnv ?? Object.fromEntries(ctx.env)), PWD: ctx.cwd };
      const dash = new Shell({
        ...this.#shellOptions,
        dialect: "dash",
        arg0,
        env,
        cwd: ctx.cwd,
      });
      const result = await dash.run(
        source,
        ctx.signal ?? new AbortController().signal,
        () => undefined,
      );
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    });
  }

  /** bash's `alias`: takes effect from the next line, as in bash (aliases expand when a line is read). */
  #alias(args: string[]): LineResult {
    const show = (name: string, value: string): string =>
      `alias ${name}='${value.replaceAll("'", `'\\''`)}'\n`;
    if (args.length === 0 || (args.length === 1 && args[0] === "-p")) {
      const names = [...this.#aliases.keys()].sort();
      return {
        stdout: names.map((name) => show(name, this.#aliases.get(name) ?? "")).join(""),
        stderr: "",
        exitCode: 0,
      };
    }
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    for (const arg of args) {
      const equals = arg.indexOf("=");
      if (equals > 0) {
        this.#aliases.set(arg.slice(0, equals), arg.slice(equals + 1));
        continue;
      }
      const value = this.#aliases.get(arg);
      if (value === undefined) {
        stderr += `bash: alias: ${arg}: not found\n`;
        exitCode = 1;
      } else stdout += show(arg, value);
    }
    return { stdout, stderr, exitCode };
  }

  #unalias(args: string[]): LineResult {
    if (args.length === 0) {
      return { stdout: "", stderr: "unalias: usage: unalias [-a] name [name ...]\n", exitCode: 2 };
    }
    if (args.includes("-a")) {
      this.#aliases.clear();
      return { stdout: "", stderr: "", exitCode: 0 };
    }
    let stderr = "";
    for (const name of args) {
      if (!this.#aliases.delete(name)) stderr += `bash: unalias: ${name}: not found\n`;
    }
    return { stdout: "", stderr, exitCode: stderr === "" ? 0 : 1 };
  }

  /** bash's `history`: numbered lines, `history N` for the last N, `history -c` to clear. */
  #history(args: string[]): LineResult {
    if (args[0] === "-c") {
      this.history.length = 0;
      return { stdout: "", stderr: "", exitCode: 0 };
    }
    let first = 0;
    if (args[0] !== undefined) {
      if (!/^\d+$/.test(args[0])) {
        return {
          stdout: "",
          stderr: `bash: history: ${args[0]}: numeric argument required\n`,
          exitCode: 1,
        };
      }
      first = Math.max(0, this.history.length - Number(args[0]));
    }
    const lines = this.history
      .slice(first)
      .map((line, index) => `${String(first + index + 1).padStart(5)}  ${line}\n`);
    return { stdout: lines.join(""), stderr: "", exitCode: 0 };
  }
}

/**
 * just-bash knows some commands it will not run and says so in its own words; a real shell
 * without them just does not find them.
 */
function missingCommand(
  name: string,
  hint: ((args: readonly string[]) => string) | undefined,
): Command {
  return defineCommand(name, (args) => {
    const coach = hint === undefined ? "" : `${coachLine(hint(args))}\n`;
    return Promise.resolve({
      stdout: "",
      stderr: `bash: ${name}: command not found\n${coach}`,
      exitCode: 127,
    });
  });
}

/**
 * What ash and dash refuse before running anything: bash's array assignment `a=(1 2)` is their
 * syntax error at the parenthesis.
 */
function arrayError(line: string): string | undefined {
  try {
    const { statements } = parse(line);
    const hasArray = statements.some((statement) =>
      statement.pipelines.some((pipeline) =>
        pipeline.commands.some(
          (command) =>
            command.type === "SimpleCommand" &&
            command.assignments.some((assignment) => assignment.array !== null),
        ),
      ),
    );
    return hasArray ? "bash: syntax error near unexpected token `('\n" : undefined;
  } catch {
    return undefined;
  }
}

/** bash's syntax error lines, as bashSyntaxErrors leaves them. */
const SYNTAX_ERROR =
  /^bash: (?:syntax error near unexpected token `[^\n]*'|syntax error: unexpected end of file|unexpected EOF while looking for matching `.')$/gm;

interface PosixWording {
  readonly prefix: string;
  readonly unexpected: (token: string) => string;
  readonly endOfFile: string;
  readonly unterminated: string;
  readonly missingBrace: string;
}

/**
 * One bash syntax error line in the words of ash (BusyBox shell/ash.c raise_error_unexpected_syntax)
 * or dash (src/parser.c synexpect): both read a missing word after `>` as the end of the input,
 * and name the keyword or parenthesis they were still expecting.
 */
function posixSyntaxError(message: string, line: string, wording: PosixWording): string {
  const token = /unexpected token `([^\n]*)'$/.exec(message)?.[1];
  const matching = /looking for matching `(.)'$/.exec(message)?.[1];
  const endOfFile = (expecting: string | undefined): string =>
    `${wording.prefix} ${wording.endOfFile}${expecting === undefined ? "" : ` (expecting "${expecting}")`}`;
  if (token !== undefined && token !== "newline") {
    return `${wording.prefix} ${wording.unexpected(token)}`;
  }
  if (token === "newline") return endOfFile(undefined);
  if (matching === "'" || matching === '"') return `${wording.prefix} ${wording.unterminated}`;
  if (matching === "}") return `${wording.prefix} ${wording.missingBrace}`;
  if (matching === ")") return endOfFile(")");
  return endOfFile(unclosedKeyword(line));
}

/** The keyword dash was still waiting for when the line ended, from the last opener left open. */
function unclosedKeyword(line: string): string | undefined {
  const words = line.split(/[\s;&|()]+/);
  const pairs: [string, string][] = [
    ["if", "fi"],
    ["do", "done"],
    ["case", "esac"],
    ["{", "}"],
  ];
  const open = pairs.filter(
    ([opener, closer]) =>
      words.filter((word) => word === opener).length >
      words.filter((word) => word === closer).length,
  );
  const last = open.sort((a, b) => words.lastIndexOf(b[0]) - words.lastIndexOf(a[0]))[0];
  // `case WORD in` with no pattern yet waits for the pattern's closing parenthesis.
  if (last?.[1] === "esac" && /\bin\s*$/.test(line)) return ")";
  return last?.[1];
}

/**
 * dash's echo: no options but -n, and the backslash escapes always interpreted (`echo -e` prints
 * "-e"), as POSIX's XSI echo (dash src/bltin/printf.c echocmd).
 */
function dashEcho(): Command {
  return defineCommand("echo", (args) => {
    const newline = args[0] !== "-n";
    const words = newline ? args : args.slice(1);
    let text = "";
    let stopped = false;
    for (const [index, word] of words.entries()) {
      const { value, stop } = dashEscapes(word);
      text += (index > 0 ? " " : "") + value;
      if (stop) {
        stopped = true;
        break;
      }
    }
    return ok(text + (newline && !stopped ? "\n" : ""));
  });
}

const ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/** One word of dash's echo: `\c` ends the output, `\0NNN` is an octal byte. */
function dashEscapes(word: string): { value: string; stop: boolean } {
  let value = "";
  for (let index = 0; index < word.length; index += 1) {
    const char = word[index] ?? "";
    const next = word[index + 1];
    if (char !== "\\" || next === undefined) {
      value += char;
      continue;
    }
    if (next === "c") return { value, stop: true };
    if (next === "0") {
      const digits = /^[0-7]{0,3}/.exec(word.slice(index + 2))?.[0] ?? "";
      value += String.fromCharCode(parseInt(digits || "0", 8));
      index += 1 + digits.length;
      continue;
    }
    const escaped = ESCAPES[next];
    value += escaped ?? `\\${next}`;
    index += 1;
  }
  return { value, stop: false };
}

const ERREXIT = "set -o errexit";
const XTRACE = "set -o xtrace";

interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** The line ran to its end: not cut short by `exit` or `set -e`. */
  readonly completed: boolean;
}

type ParsedStatement = ReturnType<typeof parse>["statements"][number];

/**
 * The line's top-level statements as source, each with the nesting depth of the commands it
 * traces in the order bash runs them (a command's `$(...)` first, one `+` deeper), when the
 * statement is made of simple commands; undefined when the line does not parse.
 */
function tracedStatements(
  line: string,
): { source: string; depths: number[] | undefined }[] | undefined {
  try {
    return parse(line).statements.map((statement) => ({
      source: serialize({ type: "Script", statements: [statement] }),
      depths: statementDepths(statement, 1),
    }));
  } catch {
    return undefined;
  }
}

function statementDepths(statement: ParsedStatement, depth: number): number[] | undefined {
  const depths: number[] = [];
  for (const pipeline of statement.pipelines) {
    for (const command of pipeline.commands) {
      if (command.type !== "SimpleCommand") return undefined;
      for (const inner of substitutions(command)) {
        const innerDepths = inner.flatMap((nested) => statementDepths(nested, depth + 1) ?? [NaN]);
        if (innerDepths.some(Number.isNaN)) return undefined;
        depths.push(...innerDepths);
      }
      depths.push(depth);
    }
  }
  return depths;
}

/** The statements of each `$(...)` in a command's words, in order. */
function substitutions(node: unknown): ParsedStatement[][] {
  if (Array.isArray(node)) return node.flatMap(substitutions);
  if (typeof node !== "object" || node === null) return [];
  const record = node as { type?: unknown; body?: { statements?: ParsedStatement[] } };
  if (record.type === "CommandSubstitution") return [record.body?.statements ?? []];
  return Object.values(node).flatMap(substitutions);
}

/**
 * One statement's output as a terminal shows it under `set -x`: the trace lines, which bash
 * writes before running each command, first (with one `+` per level of `$(...)` nesting when
 * their number is known), then what the commands printed.
 */
function traceFirst(stdout: string, stderr: string, depths: readonly number[] | undefined): string {
  const lines = stderr.split(/(?<=\n)/);
  const count = lines.findIndex((text) => !text.startsWith("+ "));
  const traces = count === -1 ? lines : lines.slice(0, count);
  const rest = count === -1 ? [] : lines.slice(count);
  const labelled =
    depths?.length === traces.length
      ? traces.map((text, index) => `${"+".repeat(depths[index] ?? 1)}${text.slice(1)}`)
      : traces;
  return labelled.join("") + stdout + rest.join("");
}

/** What `set -x` prints for the command the rewriter appends to each line. */
const LINE_END_TRACE = new RegExp(`^\\++ ${LINE_END_COMMAND} \\d+\\n`, "gm");

function errexitNotice(status: number): string {
  return `set -e ended this shell at a command that failed (status ${status}), as bash does; a real terminal would close here, this one opens a new login shell.`;
}

/** A line from the course, not from the simulated machine: dim, and marked as such. */
export function coachLine(text: string): string {
  return `\x1b[2m[coach] ${text}\x1b[22m`;
}

/** Options just-bash starts each line with (`$SHELLOPTS`, `$BASHOPTS`). */
const DEFAULT_SHELL_OPTIONS = ["braceexpand", "hashall", "interactive-comments"];
const DEFAULT_BASH_OPTIONS = ["globskipdots"];

/** The `set -o` and `shopt` lines that turn a fresh line's options into the ones a line left. */
function changedOptions(env: Readonly<Record<string, string>>): string[] {
  const differences = (current: string | undefined, defaults: readonly string[]) => {
    const now = new Set((current ?? defaults.join(":")).split(":").filter(Boolean));
    return {
      on: [...now].filter((option) => !defaults.includes(option)),
      off: defaults.filter((option) => !now.has(option)),
    };
  };
  const shell = differences(env["SHELLOPTS"], DEFAULT_SHELL_OPTIONS);
  const bash = differences(env["BASHOPTS"], DEFAULT_BASH_OPTIONS);
  return [
    ...shell.on.map((option) => `set -o ${option}`),
    ...shell.off.map((option) => `set +o ${option}`),
    ...bash.on.map((option) => `shopt -s ${option}`),
    ...bash.off.map((option) => `shopt -u ${option}`),
  ].filter((line) => /^[\w +-]+$/.test(line));
}

/**
 * Lines just-bash runs but bash refuses: a pipeline or list with a missing command (`a | | b`,
 * `a && || b`, `a ; ; b`), where bash names the operator that came too early, and a line that
 * ends in `|`, `&&` or `||`, where bash reaches the end of its input still wanting a command.
 */
function emptyCommandError(line: string): string | undefined {
  try {
    parse(line);
  } catch {
    return undefined;
  }
  // A here-document's body is text, where operators mean nothing.
  if (line.includes("<<")) return undefined;
  const { repeated, last } = scanOperators(line);
  if (repeated !== undefined) return `bash: syntax error near unexpected token \`${repeated}'\n`;
  if (last === "|" || last === "&&" || last === "||" || last === "|&") {
    return "bash: syntax error: unexpected end of file\n";
  }
  return undefined;
}

const CONTROL_OPERATORS = ["||", "&&", ";;", "|&", "|", "&", ";", ")"] as const;

/**
 * The first control operator that directly follows another one, outside quotes, and the line's
 * last token when it is an operator.
 */
function scanOperators(line: string): { repeated: string | undefined; last: string | undefined } {
  let previousWasOperator = false;
  let last: string | undefined;
  for (let index = 0; index < line.length;) {
    const char = line[index] ?? "";
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    // A comment runs to the end of the line.
    if (char === "#") break;
    const operator = CONTROL_OPERATORS.find((op) => line.startsWith(op, index));
    if (operator !== undefined) {
      if (previousWasOperator) return { repeated: operator, last: operator };
      previousWasOperator = operator !== ")";
      last = operator;
      index += operator.length;
      continue;
    }
    previousWasOperator = false;
    last = undefined;
    index = endOfWord(line, index);
  }
  return { repeated: undefined, last };
}

/** Where the word starting at `start` ends: quotes and backslashes keep operators inside it. */
function endOfWord(line: string, start: number): number {
  let index = start;
  while (index < line.length) {
    const char = line[index] ?? "";
    if (/\s/.test(char) || CONTROL_OPERATORS.some((op) => line.startsWith(op, index))) break;
    if (char === "\\") index += 2;
    else if (char === "'" || char === '"') {
      const close = line.indexOf(char, index + 1);
      index = close === -1 ? line.length : close + 1;
    } else index += 1;
  }
  return index;
}

/** Words that open a condition or loop, after which bash wants a command, not a keyword. */
const KEYWORD_AFTER_OPENER =
  /(?:^|[;&|(\s])(?:if|elif|while|until)\s+(then|do|fi|done|else|elif|esac)\b/;

/** What bash says when `[[ ... ]]` does not parse: a binary operator missing its right side. */
function conditionalError(source: string): string {
  const operator = /\s(==|!=|=~|=|<|>|-(?:eq|ne|lt|le|gt|ge|nt|ot|ef))\s*\]\]/.exec(source);
  return operator
    ? "bash: unexpected argument `]]' to conditional binary operator"
    : "bash: unexpected EOF while looking for `]]'";
}

/**
 * just-bash reports parse errors with its position and its own words; an interactive bash 5.2
 * says "syntax error near unexpected token `X'" (the word where parsing stopped, `newline' at
 * the end of the line), "syntax error: unexpected end of file" when the line ends with something
 * still open, and "unexpected EOF while looking for matching `X'" for an open quote, `$(`, `${`
 * or `((`; none of them with a line number, which bash adds only when reading a script or -c.
 */
function bashSyntaxErrors(text: string, source: string): string {
  const lines = source.split("\n");
  const pastEnd = (row: string, column: string): boolean =>
    Number(column) - 1 >= (lines[Number(row) - 1] ?? "").trimEnd().length &&
    Number(row) >= lines.length;
  return text
    .replace(
      /^bash: (?:line \d+: |syntax error: Parse error at \d+:\d+: )?unexpected EOF while looking for matching [`'](.)'$/gm,
      "bash: unexpected EOF while looking for matching `$1'",
    )
    .replace(
      /^bash: syntax error: Parse error at \d+:\d+: Expected DPAREN_END, got EOF$/gm,
      () => "bash: unexpected EOF while looking for matching `)'",
    )
    .replace(/^bash: syntax error: Parse error at \d+:\d+: Expected DBRACK_END, got EOF$/gm, () =>
      conditionalError(source),
    )
    .replace(
      /^bash: syntax error: Parse error at (\d+):(\d+): (syntax error near unexpected token `[^\n]*')$/gm,
      (_match, row: string, column: string, message: string) => {
        if (pastEnd(row, column)) return "bash: syntax error: unexpected end of file";
        const keyword = KEYWORD_AFTER_OPENER.exec(source)?.[1];
        return keyword === undefined
          ? `bash: ${message}`
          : `bash: syntax error near unexpected token \`${keyword}'`;
      },
    )
    .replace(
      /^bash: syntax error: Parse error at \d+:\d+: Expected [^\n]*, got EOF$/gm,
      "bash: syntax error: unexpected end of file",
    )
    .replace(
      /^bash: syntax error: Parse error at (\d+):(\d+): Expected ([^\n]*)$/gm,
      (_match, row: string, column: string, expected: string) => {
        // A function's body may follow on the next line; a word after `>` or `for` may not.
        if (pastEnd(row, column) && expected.includes("function body")) {
          return "bash: syntax error: unexpected end of file";
        }
        const rest = (lines[Number(row) - 1] ?? "").slice(Number(column) - 1);
        const token = /^\S+/.exec(rest.trimStart())?.[0] ?? "newline";
        return `bash: syntax error near unexpected token \`${token}'`;
      },
    );
}

function ok(stdout: string): Promise<LineResult> {
  return Promise.resolve({ stdout, stderr: "", exitCode: 0 });
}

function capOutput(result: LineResult): LineResult {
  if (result.stdout.length + result.stderr.length <= MAX_OUTPUT_BYTES) return result;
  const stdout = result.stdout.slice(0, MAX_OUTPUT_BYTES);
  const stderr =
    result.stderr.slice(0, Math.max(0, MAX_OUTPUT_BYTES - stdout.length)) + outputLimitNotice();
  return { stdout, stderr, exitCode: result.exitCode };
}
