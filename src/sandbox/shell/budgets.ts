/**
 * What one command line may cost. Learner input is hostile by assumption (fork-bomb functions,
 * `$(...)` nesting, endless loops, huge arguments), and one session must never starve the others
 * sharing a server, so every line runs under these caps and says which one it hit.
 */
import type { BashOptions } from "just-bash";

type ExecutionLimits = NonNullable<BashOptions["executionLimits"]>;

/** Longest line the editor accepts, in characters (bash has no limit; a browser tab needs one). */
export const MAX_LINE_LENGTH = 8 * 1024;

/** Output one command line may print; the rest is dropped with a notice. */
export const MAX_OUTPUT_BYTES = 256 * 1024;

/** Interpreter limits handed to just-bash; each one produces a `bash: ...` message when hit. */
export const EXECUTION_LIMITS: ExecutionLimits = {
  maxSourceBytes: MAX_LINE_LENGTH * 4,
  maxCallDepth: 50,
  maxCommandCount: 20_000,
  maxLoopIterations: 100_000,
  maxAwkIterations: 100_000,
  maxSedIterations: 100_000,
  maxJqIterations: 100_000,
  maxExecDepth: 16,
  maxOutputSize: MAX_OUTPUT_BYTES * 4,
  maxFileSystemBytes: 16 * 1024 * 1024,
  maxLiveBytes: 64 * 1024 * 1024,
  maxInputBytes: 64 * 1024 * 1024,
  maxWorkUnits: 2_000_000,
  // A wall-clock backstop only: the step budgets above stop runaway lines long before it, while
  // a watch, a follow or a sleep legitimately waits in real time for Ctrl-C, so it is long.
  maxExecutionTimeMs: 2 * 60 * 60 * 1000,
};

/**
 * Virtual time one `sleep` may pass (a sleep of hours would fast-forward the cluster past every
 * lesson's point); a longer one sleeps this long and says so.
 */
export const MAX_SLEEP_MS = 60 * 60 * 1000;

export function sleepLimitNotice(): string {
  return `sleep: one sleep lasts at most ${MAX_SLEEP_MS / 1000} seconds in this sandbox\n`;
}

export function outputLimitNotice(): string {
  return `bash: output truncated: a command line may print at most ${MAX_OUTPUT_BYTES} bytes in this sandbox\n`;
}

export function lineTooLongNotice(): string {
  return `bash: line too long: the sandbox accepts at most ${MAX_LINE_LENGTH} characters\n`;
}

/**
 * just-bash ends its limit messages with the option a host would raise ("..., increase
 * executionLimits.maxCommandCount"); a learner cannot, so the message says whose limit it is.
 */
export function inSandboxWords(text: string): string {
  return text.replace(/, increase executionLimits\.\w+/g, ": a limit of this sandbox");
}
