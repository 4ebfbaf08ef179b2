/**
 * Builds the real terminals behind `/ws/terminal`: the runbook scenario's shell (contract 3) and
 * lab sessions with their live grading (contract 5). A session's (target, seed) always builds the
 * same cluster, which is what makes replay after a restart give the same screen.
 */
import { createLabSession } from "../../grading/lab/create-lab-run.ts";
import { loadLabs } from "../../grading/lab/load-labs.ts";
import { listScenarios } from "../../sandbox/scenarios/index.ts";
import { TerminalSession } from "../../sandbox/shell/terminal-session.ts";
import type {
  LiveTerminal,
  SessionFiles,
  SessionTarget,
  TerminalFactory,
} from "./terminal-backend.ts";

/** The editor reads and writes the session's own in-memory filesystem, never the host's. */
function filesOf(session: TerminalSession): SessionFiles {
  return {
    read: (path) => session.fs.readFile(path),
    async write(path, content) {
      await session.fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", { recursive: true });
      await session.fs.writeFile(path, content);
    },
  };
}

function labTerminal(labId: string, seed: number, cols: number, rows: number): LiveTerminal {
  const { run, session } = createLabSession(labId, seed, { cols, rows });
  return {
    terminal: session,
    files: filesOf(session),
    status: () => run.status(),
    onStatus: (listener) => run.onStatus(listener),
    onReset: (listener) => run.onReset(listener),
  };
}

function runbookTerminal(scenario: string, seed: number, cols: number, rows: number): LiveTerminal {
  const session = new TerminalSession({ scenario, seed, cols, rows });
  return { terminal: session, files: filesOf(session) };
}

export function createSandboxTerminals(): {
  readonly createTerminal: TerminalFactory;
  readonly isKnownTarget: (target: SessionTarget) => boolean;
} {
  const scenarios = new Set(listScenarios().map((s) => s.name));
  const labs = new Set(loadLabs().map((lab) => lab.id));
  return {
    isKnownTarget: (target) =>
      target.kind === "lab" ? labs.has(target.id) : scenarios.has(target.id),
    createTerminal: (target, seed, { cols, rows }) =>
      target.kind === "lab"
        ? labTerminal(target.id, seed, cols, rows)
        : runbookTerminal(target.id, seed, cols, rows),
  };
}
