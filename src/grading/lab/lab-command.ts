/**
 * The terminal's `lab` command, so everything the lab page offers also works in a plain terminal:
 * `lab status`, `lab check`, `lab hint [TASK]`, `lab answer TASK VALUE`, `lab reset`, `lab solution`.
 */
import type { TaskStatus } from "./evaluate.ts";

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The `lab` command, independent of the shell that hosts it. */
export interface LabCommand {
  readonly name: string;
  /** `args` excludes the command name, as argv[1..]. */
  run(args: readonly string[]): CommandResult;
}

/** What the `lab` command needs from its run. */
export interface LabCommandHost {
  status(): readonly TaskStatus[];
  /** The next rung of the task's hint ladder (the learner climbs one rung per call). */
  climbHint(taskId: string): { readonly rung: number; readonly text: string } | undefined;
  answer(taskId: string, value: string): TaskStatus | undefined;
  choices(taskId: string): readonly string[] | undefined;
  solution(): readonly string[];
  /**
   * Asks whoever hosts the session to rebuild it: with the same seed, or with a new one for a new
   * variant. False when nobody can.
   */
  reset(newVariant: boolean): boolean;
}

const USAGE = `Usage: lab COMMAND
  lab status              tasks, done or not yet
  lab check               grade now and say what is still missing
  lab hint [TASK]         the next hint for TASK (default: the first task not done)
  lab answer TASK VALUE   answer a task's question
  lab reset               start the lab again with the same cluster
  lab reset --new-variant start again with a differently broken cluster
  lab solution            print the solution's commands
`;

export function summaryLine(statuses: readonly TaskStatus[]): string {
  return `tasks: ${statuses.filter((s) => s.done).length}/${statuses.length} done`;
}

function checklist(statuses: readonly TaskStatus[], withReasons: boolean): string {
  const width = Math.max(...statuses.map((s) => s.id.length));
  const lines: string[] = [];
  for (const status of statuses) {
    lines.push(`${status.done ? "[x]" : "[ ]"} ${status.id.padEnd(width)}  ${status.title}`);
    if (withReasons) for (const reason of status.stillWrong) lines.push(`      - ${reason}`);
  }
  lines.push(summaryLine(statuses));
  return `${lines.join("\n")}\n`;
}

const ok = (stdout: string): CommandResult => ({ stdout, stderr: "", exitCode: 0 });
const fail = (stderr: string, exitCode = 1): CommandResult => ({ stdout: "", stderr, exitCode });

export function createLabCommand(host: LabCommandHost): LabCommand {
  function knownTask(taskId: string): boolean {
    return host.status().some((s) => s.id === taskId);
  }
  function unknownTask(taskId: string): CommandResult {
    const ids = host.status().map((s) => s.id);
    return fail(`lab: no task '${taskId}'; tasks: ${ids.join(", ")}\n`);
  }
  return {
    name: "lab",
    run(args) {
      const [sub, ...rest] = args;
      switch (sub) {
        case undefined:
        case "help":
        case "--help":
        case "-h":
          return ok(USAGE);
        case "status":
          return ok(checklist(host.status(), false));
        case "check": {
          const statuses = host.status();
          return {
            ...ok(checklist(statuses, true)),
            exitCode: statuses.every((s) => s.done) ? 0 : 1,
          };
        }
        case "hint": {
          const taskId = rest[0] ?? host.status().find((s) => !s.done)?.id;
          if (taskId === undefined) return ok("Every task is done: no hint needed.\n");
          if (!knownTask(taskId)) return unknownTask(taskId);
          const hint = host.climbHint(taskId);
          if (hint === undefined) return fail(`lab: no hints for '${taskId}'\n`);
          return ok(`Hint ${hint.rung}/3 for ${taskId}: ${hint.text}\n`);
        }
        case "answer": {
          const [taskId, ...words] = rest;
          if (taskId === undefined || words.length === 0)
            return fail("Usage: lab answer TASK VALUE\n", 2);
          if (!knownTask(taskId)) return unknownTask(taskId);
          const choices = host.choices(taskId);
          const value = words.join(" ");
          if (choices !== undefined && !choices.includes(value.trim().toLowerCase()))
            return fail(`lab: '${value}' is not one of: ${choices.join(", ")}\n`);
          const status = host.answer(taskId, value);
          if (status === undefined) return fail(`lab: task '${taskId}' takes no answer\n`);
          return status.done
            ? ok(`Recorded. ${taskId}: done.\n`)
            : ok(`Recorded. ${taskId}: not yet - ${status.stillWrong.join(" ")}\n`);
        }
        case "reset": {
          const newVariant = rest[0] === "--new-variant";
          if (rest.length > (newVariant ? 1 : 0))
            return fail("Usage: lab reset [--new-variant]\n", 2);
          if (!host.reset(newVariant))
            return fail("lab: this terminal cannot reset the lab; start it again instead\n");
          return ok(newVariant ? "Starting a new variant...\n" : "Resetting the lab...\n");
        }
        case "solution":
          return ok(`${host.solution().join("\n")}\n`);
        default:
          return fail(`lab: unknown command '${sub}'\n${USAGE}`, 2);
      }
    },
  };
}
