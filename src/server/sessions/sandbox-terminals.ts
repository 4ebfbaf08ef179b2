/**
 * Builds the real terminals behind `/ws/terminal`: the runbook scenario's shell (contract 3) and
 * lab sessions with their live grading (contract 5). A session's (target, seed) always builds the
 * same cluster, which is what makes replay after a restart give the same screen. Both run on real
 * time (the session manager stamps and ticks them).
 */
import { createLabRun } from "../../grading/lab/create-lab-run.ts";
import { loadLabs } from "../../grading/lab/load-labs.ts";
import { listScenarios } from "../../sandbox/scenarios/index.ts";
import { TerminalSession } from "../../sandbox/shell/terminal-session.ts";
import type {
  LiveTerminal,
  SessionFiles,
  SessionTarget,
  TerminalFactory,
  TerminalHooks,
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

/** A lab run with its terminal (as createLabSession builds it, plus the page's editor pane). */
function labTerminal(
  labId: string,
  seed: number,
  cols: number,
  rows: number,
  hooks: TerminalHooks,
): LiveTerminal {
  const run = createLabRun(labId, seed);
  const session = new TerminalSession({
    cluster: run.cluster,
    seed,
    cols,
    rows,
    extraCommands: run.extraCommands,
    files: run.files,
    openEditor: hooks.openEditor,
    realTime: true,
  });
  run.attach(session);
  return {
    terminal: session,
    files: filesOf(session),
    status: () => run.status(),
    onStatus: (listener) => run.onStatus(listener),
    onReset: (listener) => run.onReset(listener),
  };
}

function runbookTerminal(
  scenario: string,
  seed: number,
  cols: number,
  rows: number,
  hooks: TerminalHooks,
): LiveTerminal {
  const session = new TerminalSession({
    scenario,
    seed,
    cols,
    rows,
    openEditor: hooks.openEditor,
    realTime: true,
  });
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
    createTerminal: (target, seed, { cols, rows }, hooks) =>
      target.kind === "lab"
        ? labTerminal(target.id, seed, cols, rows, hooks)
        : runbookTerminal(target.id, seed, cols, rows, hooks),
  };
}
