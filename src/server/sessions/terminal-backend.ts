/**
 * What the session server needs from a sandbox terminal: the seam of the shell's `TerminalSession`
 * (src/sandbox/shell/terminal-session.ts), plus, for labs, the grading run's task status. The
 * server never imports xterm and never looks inside the sandbox; it only moves keystrokes in and
 * ANSI text out.
 */
export interface TerminalSeam {
  /**
   * Raw keystrokes as xterm produces them (the shell does its own line editing and echo), with
   * the host's clock when they arrived: the session's cluster follows it. "" is a tick (only
   * time passed).
   */
  input(data: string, atMs?: number): void;
  /** A command is running: the host ticks the terminal about once a second meanwhile. */
  readonly commandRunning?: boolean;
  /** A page attached (again) at atMs: the time since the last input did not pass. */
  resume?(atMs: number): void;
  /** No page is attached any more: time stands still until resume(). */
  suspend?(): void;
  /** The terminal gave itself an empty input at atMs (a sleep's end): the host logs it. */
  onClockInput?(listener: (atMs: number) => void): unknown;
  onOutput(listener: (ansi: string) => void): unknown;
  resize(cols: number, rows: number): void;
  dispose(): void;
  /** Feeds a stored input log back, waiting for each command as the learner did. */
  replay?(log: readonly ReplayEntry[]): Promise<void>;
  /** Resolves when every keystroke so far has been handled and no command is running. */
  idle?(): Promise<void>;
  /** The learner left the shell (`exit`, Ctrl-D). */
  onExit?(listener: (status: number) => void): unknown;
}

/**
 * One entry of a session's log as stored (wall-clock time, for bug reports): keystrokes, or, with
 * `file`, the editor saving `data` as that file. Both replay in order.
 */
export interface InputEntry {
  readonly atMs: number;
  readonly data: string;
  readonly file?: string;
}

/** What a terminal replays: keystrokes and ticks at their times, and the moments a page resumed. */
export interface ReplayEntry {
  readonly atMs: number;
  readonly data: string;
  readonly resumed?: boolean;
}

/** The session's filesystem as the editor sees it. */
export interface SessionFiles {
  read(path: string): Promise<string>;
  write(path: string, content: string): Promise<void>;
}

/** A lab's or the runbook's terminal as the session manager drives it. */
export interface LiveTerminal {
  readonly terminal: TerminalSeam;
  /** Lab sessions: the task checklist now, pushed to the page as `status` messages. */
  readonly status?: () => unknown;
  /** The editor's access to the session's files. */
  readonly files?: SessionFiles;
  readonly onStatus?: (listener: (status: unknown) => void) => unknown;
  /** `lab reset` (same seed) and `lab reset --new` (new seed) ask the server for a fresh session. */
  readonly onReset?: (listener: (request: { readonly newVariant: boolean }) => void) => unknown;
}

/** Which sandbox a session runs: the runbook's scenario or a lab. */
export interface SessionTarget {
  readonly kind: "scenario" | "lab";
  readonly id: string;
}

export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

/**
 * Builds a fresh terminal for a target and seed. The same (target, seed) followed by the same
 * input log must give the same screen: that is how a session survives a server restart.
 */
export type TerminalFactory = (
  target: SessionTarget,
  seed: number,
  size: TerminalSize,
  hooks: TerminalHooks,
) => LiveTerminal | Promise<LiveTerminal>;

/** What `kubectl edit` hands the browser's editor pane. */
export interface EditRequest {
  readonly fileName: string;
  readonly content: string;
}

/** What the session server offers the terminal it builds. */
export interface TerminalHooks {
  /** Opens the page's editor; resolves to the saved text, or undefined when cancelled. */
  readonly openEditor: (request: EditRequest) => Promise<string | undefined>;
}

/** The log's `file` for the outcome of a `kubectl edit` (a NUL can never start a real path). */
export const EDIT_LOG_FILE = "\u0000kubectl-edit";

/** The log's `file` for a page attaching: the time before it did not pass on the cluster. */
export const RESUME_LOG_FILE = "\u0000resume";

export function targetKey(target: SessionTarget): string {
  return `${target.kind}:${target.id}`;
}

const TARGET_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Reads `?scenario=runbook` or `?lab=<id>` from an upgrade URL; anything else is refused. */
export function parseTarget(search: URLSearchParams): SessionTarget | undefined {
  const scenario = search.get("scenario");
  const lab = search.get("lab");
  if (scenario !== null && lab === null && TARGET_ID.test(scenario)) {
    return { kind: "scenario", id: scenario };
  }
  if (lab !== null && scenario === null && TARGET_ID.test(lab)) return { kind: "lab", id: lab };
  return undefined;
}
