/**
 * Sessions on the built-in `runbook` scenario (3 nodes, a Deployment failing with exit code 128 on
 * one worker), the cluster every lesson's terminal uses.
 */
import { TerminalSession } from "../../../../src/sandbox/shell/terminal-session.ts";
import type { TerminalSessionOptions } from "../../../../src/sandbox/shell/terminal-session.ts";

export function session(options: Partial<TerminalSessionOptions> = {}): TerminalSession {
  return new TerminalSession({ scenario: "runbook", seed: 1, cols: 80, rows: 24, ...options });
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
