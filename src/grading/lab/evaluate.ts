/** Grading a lab run: every task's checks over the cluster, the command log and the answers. */
import type { AnswerCheck, Check, CommandCheck, Lab, Task } from "../../schemas/lab.ts";
import type { ClusterView } from "./cluster-view.ts";
import type { CommandRecord } from "./command-log.ts";
import { stateCheckPasses } from "./state-checks.ts";
import { fillTemplate, type Facts } from "./template.ts";

export interface TaskStatus {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
  /** What is still wrong, one sentence per failing check; empty when done. */
  readonly stillWrong: readonly string[];
  /** How many rungs of the hint ladder the learner has climbed (0-3). */
  readonly hintsUsed: number;
  /** The hints revealed so far, in ladder order, with this run's names filled in. */
  readonly hints: readonly string[];
}

export interface GradingInput {
  readonly cluster: ClusterView;
  readonly facts: Facts;
  readonly commands: readonly CommandRecord[];
  /** The latest answer given per task id. */
  readonly answers: ReadonlyMap<string, string>;
  readonly hintsUsed: ReadonlyMap<string, number>;
  /** Names of pods seen failing during the run, by "namespace/selector/exitCode". */
  readonly failingPodsSeen: ReadonlyMap<string, ReadonlySet<string>>;
}

export function failingPodKey(namespace: string, selector: string, exitCode: number): string {
  return `${namespace}/${selector}/${exitCode}`;
}

export function normaliseAnswer(text: string): string {
  return text.trim().toLowerCase();
}

function commandCheckPasses(check: CommandCheck, input: GradingInput): boolean {
  const pattern = new RegExp(fillTemplate(check.ran, input.facts));
  const node = check.onNode === undefined ? undefined : fillTemplate(check.onNode, input.facts);
  return input.commands.some(
    (record) =>
      pattern.test(record.line) &&
      (node === undefined || record.node === node) &&
      (!check.succeeded || record.exitCode === 0),
  );
}

function answerCheckPasses(check: AnswerCheck, taskId: string, input: GradingInput): boolean {
  const given = input.answers.get(taskId);
  if (given === undefined) return false;
  if (!Array.isArray(check.answer)) {
    const { namespace, failingPod, exitCode } = check.answer;
    const seen = input.failingPodsSeen.get(failingPodKey(namespace, failingPod, exitCode));
    return seen?.has(given.replace(/^pods?\//, "")) ?? false;
  }
  return check.answer.some(
    (accepted) => normaliseAnswer(fillTemplate(accepted, input.facts)) === normaliseAnswer(given),
  );
}

export function checkPasses(check: Check, taskId: string, input: GradingInput): boolean {
  if ("state" in check) return stateCheckPasses(check, input.cluster, input.facts);
  if ("ran" in check) return commandCheckPasses(check, input);
  return answerCheckPasses(check, taskId, input);
}

/** What a failing check says; an unanswered question asks for an answer instead of judging it. */
function stillWrongText(check: Check, taskId: string, input: GradingInput): string {
  if ("answer" in check && !input.answers.has(taskId))
    return `Not answered yet: lab answer ${taskId} ANSWER.`;
  return fillTemplate(check.says, input.facts);
}

export function gradeTask(task: Task, input: GradingInput): TaskStatus {
  const hintsUsed = input.hintsUsed.get(task.id) ?? 0;
  const stillWrong = task.checks
    .filter((check) => !checkPasses(check, task.id, input))
    .map((check) => stillWrongText(check, task.id, input));
  return {
    id: task.id,
    title: task.title,
    done: stillWrong.length === 0,
    stillWrong,
    hintsUsed,
    hints: task.hints.slice(0, hintsUsed).map((hint) => fillTemplate(hint, input.facts)),
  };
}

export function gradeLab(lab: Lab, input: GradingInput): TaskStatus[] {
  return lab.tasks.map((task) => gradeTask(task, input));
}
