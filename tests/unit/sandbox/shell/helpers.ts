/**
 * A stand-in cluster for shell tests: a virtual clock the shell's `sleep` and `date` must use.
 * The shell's behaviour under test (bash semantics, the terminal) does not depend on cluster state.
 */
import { VirtualClock } from "../../../../src/sandbox/cluster/clock.ts";
import { TerminalSession } from "../../../../src/sandbox/shell/terminal-session.ts";
import type { TerminalSessionOptions } from "../../../../src/sandbox/shell/terminal-session.ts";

/** 2026-11-24 20:00:00 UTC. */
export const START_MS = Date.UTC(2026, 10, 24, 20, 0, 0);

export function clockCluster(startMs = START_MS): {
  clock: VirtualClock;
  advance(ms: number): void;
} {
  const clock = new VirtualClock(startMs);
  return { clock, advance: (ms) => clock.advance(ms) };
}

export function session(options: Partial<TerminalSessionOptions> = {}): TerminalSession {
  return new TerminalSession({ cluster: clockCluster(), cols: 80, rows: 24, ...options });
}

/** Types keys into a session and returns what the screen received. */
export async function typeInto(terminal: TerminalSession, ...chunks: string[]): Promise<string> {
  let screen = "";
  const stop = terminal.onOutput((ansi) => (screen += ansi));
  for (const chunk of chunks) {
    terminal.input(chunk);
    await terminal.idle();
  }
  stop();
  return screen;
}
