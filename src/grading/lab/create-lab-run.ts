/**
 * `createLabRun(labId, seed)` (contract 5) and `createLabSession`, which adds the learner's
 * terminal: the engine's cluster for the variant the seed picks, the lab's editable files in the
 * learner's home and the `lab` command, with grading re-run after every command. Node only (it reads labs/ from disk).
 */
import { createCluster, type Cluster } from "../../sandbox/scenarios/index.ts";
import { TerminalSession } from "../../sandbox/shell/terminal-session.ts";
import type { ClusterView } from "./cluster-view.ts";
import { startLabRun, type LabRun } from "./lab-run.ts";
import { LABS_DIR, loadLab, loadLabFiles, loadScenario } from "./load-labs.ts";

/** Where the lab's editable files appear in the terminal (the shell's $HOME). */
export const LEARNER_HOME = "/home/learner";

export function clusterView(cluster: Cluster): ClusterView {
  return {
    list: (resource, options) => cluster.store.list(resource, options),
    get: (resource, namespace, name) => cluster.store.get(resource, namespace, name),
    now: () => cluster.clock.now(),
    unitRestarts: (node, unit) =>
      cluster
        .historyEntries()
        .filter((e) => e.kind === "unit-restarted" && e.node === node && e.unit === unit).length,
  };
}

export interface LabRunWithFiles extends LabRun<Cluster> {
  /** The lab's editable files by absolute path in the learner's terminal. */
  readonly files: Readonly<Record<string, string>>;
}

export function createLabRun(labId: string, seed: number, labsDir = LABS_DIR): LabRunWithFiles {
  const lab = loadLab(labId, labsDir);
  const run = startLabRun({
    lab,
    seed,
    scenarioOf: (variant) => loadScenario(lab, variant, labsDir),
    createCluster: (scenario, clusterSeed) => createCluster(scenario as never, clusterSeed),
    viewOf: clusterView,
  });
  const files = Object.fromEntries(
    [...loadLabFiles(lab, labsDir)].map(([path, text]) => [`${LEARNER_HOME}/${path}`, text]),
  );
  return { ...run, files };
}

export interface LabSession {
  readonly run: LabRunWithFiles;
  readonly session: TerminalSession;
}

/** A lab run with its terminal, graded after every command the learner runs. */
export function createLabSession(
  labId: string,
  seed: number,
  size: { readonly cols: number; readonly rows: number } = { cols: 120, rows: 40 },
  labsDir = LABS_DIR,
): LabSession {
  const run = createLabRun(labId, seed, labsDir);
  const session = new TerminalSession({
    cluster: run.cluster,
    seed,
    cols: size.cols,
    rows: size.rows,
    extraCommands: run.extraCommands,
    files: run.files,
  });
  run.attach(session);
  return { run, session };
}
