/**
 * One learner's attempt at a lab: its cluster (built from the variant the seed picks), the `lab`
 * command for the terminal, and live grading re-run after every command (contract 5).
 * Pure: it takes the engine's cluster factory and a view of that cluster, so it runs in a browser
 * as well as on the server.
 */
import type { Lab, Variant } from "../../schemas/lab.ts";
import type { ClusterView } from "./cluster-view.ts";
import { CommandLog, type CommandEntry } from "./command-log.ts";
import {
  failingPodKey,
  gradeLab,
  gradeTask,
  normaliseAnswer,
  type TaskStatus,
} from "./evaluate.ts";
import { failingPodNames, resolveFact } from "./facts.ts";
import type { ExtraCommand } from "../../sandbox/shell/terminal-session.ts";
import { createLabCommand, type LabCommand } from "./lab-command.ts";
import { fillTemplate } from "./template.ts";
import { labForVariant } from "./variant-tasks.ts";

export interface LabRun<C> {
  /** The lab as this run grades it: the variant's taskChecks merged into the shared tasks. */
  readonly lab: Lab;
  readonly seed: number;
  readonly variant: Variant;
  readonly cluster: C;
  /** The `lab` command, for the TerminalSession's extraCommands. */
  readonly extraCommands: readonly ExtraCommand[];
  /** The same command, callable directly (the page's buttons, tests). */
  readonly labCommand: LabCommand;
  status(): TaskStatus[];
  /** Called with the new statuses whenever a task's state or hint count changes. */
  onStatus(listener: (statuses: readonly TaskStatus[]) => void): () => void;
  /** Feed every command the terminal ran (the TerminalSession's onCommand). */
  recordCommand(entry: CommandEntry): void;
  /** Convenience for `session.onCommand((entry) => run.recordCommand(entry))`. */
  attach(session: { onCommand(listener: (entry: CommandEntry) => void): unknown }): void;
  answer(taskId: string, value: string): TaskStatus | undefined;
  hint(taskId: string): { readonly rung: number; readonly text: string } | undefined;
  /** The solution's lines with this run's names filled in. */
  solution(): string[];
  /** The variant's wrong paths with this run's names filled in (for labs:verify). */
  wrongPaths(): { readonly name: string; readonly lines: string[] }[];
  /** Seed-dependent names (failing pod, node, cause) resolved so far. */
  facts(): Readonly<Record<string, string>>;
  /**
   * `lab reset` asks the host to rebuild the session with the same seed; `lab reset --new-variant`
   * with a new seed.
   */
  onReset(listener: (request: { readonly newVariant: boolean }) => void): () => void;
}

export interface LabRunOptions<C> {
  readonly lab: Lab;
  readonly seed: number;
  /** The variant's scenario (already parsed from its file). */
  scenarioOf(variant: Variant): unknown;
  createCluster(scenario: unknown, seed: number): C;
  viewOf(cluster: C): ClusterView;
}

/** The seed picks the variant: seed modulo the number of variants, so seeds 0..n-1 cover all. */
export function variantFor(lab: Lab, seed: number): Variant {
  const index =
    ((Math.trunc(seed) % lab.variants.length) + lab.variants.length) % lab.variants.length;
  const variant = lab.variants[index];
  if (variant === undefined) throw new RangeError(`lab ${lab.id} has no variants`);
  return variant;
}

export function startLabRun<C>(options: LabRunOptions<C>): LabRun<C> {
  const { seed } = options;
  const variant = variantFor(options.lab, seed);
  const lab = labForVariant(options.lab, variant);
  const cluster = options.createCluster(options.scenarioOf(variant), seed);
  const view = options.viewOf(cluster);
  const commands = new CommandLog();
  const answers = new Map<string, string>();
  const hintsUsed = new Map<string, number>();
  const facts: Record<string, string> = { cause: variant.cause, seed: String(seed) };
  const failingPodsSeen = new Map<string, Set<string>>();
  const watchedWorkloads = lab.tasks.flatMap((t) =>
    t.checks.flatMap((check) =>
      "answer" in check && !Array.isArray(check.answer) ? [check.answer] : [],
    ),
  );
  const statusListeners = new Set<(statuses: readonly TaskStatus[]) => void>();
  const resetListeners = new Set<(request: { readonly newVariant: boolean }) => void>();

  // Facts latch once seen: the failing pod keeps its name even after the learner deletes it.
  function resolveFacts(): void {
    for (const [name, fact] of Object.entries(variant.facts)) {
      if (name in facts) continue;
      const value = resolveFact(fact, view);
      if (value !== undefined) facts[name] = value;
    }
  }

  // A pod named as failing stays a right answer after the learner deletes or fixes it.
  function noteFailingPods(): void {
    for (const { namespace, failingPod, exitCode } of watchedWorkloads) {
      const key = failingPodKey(namespace, failingPod, exitCode);
      const seen = failingPodsSeen.get(key) ?? new Set<string>();
      const selector = fillTemplate(failingPod, facts);
      for (const name of failingPodNames(view, namespace, selector, exitCode)) seen.add(name);
      failingPodsSeen.set(key, seen);
    }
  }

  function grading() {
    resolveFacts();
    noteFailingPods();
    return {
      cluster: view,
      facts,
      commands: commands.records(),
      answers,
      hintsUsed,
      failingPodsSeen,
    };
  }

  let last = "";
  function publish(): void {
    const statuses = gradeLab(lab, grading());
    const key = JSON.stringify(statuses);
    if (key === last) return;
    last = key;
    for (const listener of statusListeners) listener(statuses);
  }

  function task(taskId: string) {
    return lab.tasks.find((t) => t.id === taskId);
  }

  const run: Omit<LabRun<C>, "extraCommands" | "labCommand"> = {
    lab,
    seed,
    variant,
    cluster,
    status: () => gradeLab(lab, grading()),
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    recordCommand(entry) {
      commands.record(entry);
      publish();
    },
    attach(session) {
      session.onCommand((entry) => run.recordCommand(entry));
    },
    answer(taskId, value) {
      const found = task(taskId);
      if (found === undefined || !found.checks.some((check) => "answer" in check)) return undefined;
      answers.set(taskId, normaliseAnswer(value));
      publish();
      return gradeTask(found, grading());
    },
    hint(taskId) {
      const found = task(taskId);
      if (found === undefined) return undefined;
      const rung = Math.min((hintsUsed.get(taskId) ?? 0) + 1, found.hints.length);
      hintsUsed.set(taskId, rung);
      publish();
      return { rung, text: fillTemplate(found.hints[rung - 1] ?? "", grading().facts) };
    },
    solution: () => variant.solution.map((line) => fillTemplate(line, grading().facts)),
    wrongPaths: () =>
      variant.wrongPaths.map(({ name, lines }) => ({
        name,
        lines: lines.map((line) => fillTemplate(line, grading().facts)),
      })),
    facts: () => ({ ...grading().facts }),
    onReset(listener) {
      resetListeners.add(listener);
      return () => resetListeners.delete(listener);
    },
  };

  const labCommand = createLabCommand({
    status: () => run.status(),
    climbHint: (taskId) => run.hint(taskId),
    answer: (taskId, value) => run.answer(taskId, value),
    choices(taskId) {
      for (const check of task(taskId)?.checks ?? [])
        if ("answer" in check && check.choices !== undefined) return check.choices;
      return undefined;
    },
    solution: () => run.solution(),
    reset(newVariant) {
      for (const listener of resetListeners) listener({ newVariant });
      return resetListeners.size > 0;
    },
  });
  return { ...run, labCommand, extraCommands: [labCommand] };
}
