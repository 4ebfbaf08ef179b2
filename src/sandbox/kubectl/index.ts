/**
 * The built-in kubectl: `runKubectl(argv, env)` runs one command line against the simulated
 * cluster and resolves to kubectl's exit status. Output formats, messages and statuses are those of
 * kubectl v1.32 (see ../shared/reference/kubectl-transcripts and tests/unit/sandbox/kubectl).
 */
import { runApiResources } from "./commands/api-resources.ts";
import { runAttach } from "./commands/attach.ts";
import { runApplyOrCreate } from "./commands/apply.ts";
import { GENERATORS, runCreateGenerator } from "./commands/create-generators.ts";
import { runDebug } from "./commands/debug.ts";
import { runDelete } from "./commands/delete.ts";
import { runDescribe } from "./commands/describe.ts";
import { runEvents } from "./commands/events.ts";
import { runExec } from "./commands/exec.ts";
import { runLabelOrAnnotate } from "./commands/label.ts";
import { runLogs } from "./commands/logs.ts";
import { runCordon, runDrain, runUncordon } from "./commands/node-maintenance.ts";
import { runEdit } from "./commands/edit.ts";
import { runRollout } from "./commands/rollout.ts";
import { runRun } from "./commands/run.ts";
import { runScale } from "./commands/scale.ts";
import { runSet } from "./commands/set-image.ts";
import { runTop } from "./commands/top.ts";
import { runWait } from "./commands/wait-for.ts";
import { runGet } from "./commands/get.ts";
import { runApiVersions, runVersion, runClusterInfo, runConfig } from "./commands/info.ts";
import type { KubectlEnv } from "./env.ts";
import { KubectlError } from "./errors.ts";
import { positionalIndex } from "./flags.ts";
import { GROUP_HELP } from "./group-help.ts";
import { commandHelp, TOP_LEVEL_HELP } from "./help.ts";

export type {
  AttachSpec,
  ContainerLogLine,
  EditRequest,
  KubectlCluster,
  KubectlEnv,
} from "./env.ts";
export { toTable, tableColumns } from "./tables/index.ts";

type Command = (argv: readonly string[], env: KubectlEnv) => Promise<number> | number;

const COMMANDS: Record<string, Command> = {
  get: runGet,
  describe: runDescribe,
  logs: runLogs,
  delete: runDelete,
  run: runRun,
  cordon: runCordon,
  uncordon: runUncordon,
  drain: runDrain,
  debug: runDebug,
  exec: runExec,
  events: runEvents,
  apply: (argv, env) => runApplyOrCreate("apply", argv, env),
  create: (argv, env) =>
    argv.some((a) => GENERATORS.includes(a)) &&
    !argv.includes("-f") &&
    !argv.some((a) => a.startsWith("--filename"))
      ? runCreateGenerator(argv, env)
      : runApplyOrCreate("create", argv, env),
  label: (argv, env) => runLabelOrAnnotate("label", argv, env),
  annotate: (argv, env) => runLabelOrAnnotate("annotate", argv, env),
  scale: runScale,
  edit: runEdit,
  set: runSet,
  rollout: runRollout,
  top: runTop,
  version: runVersion,
  "cluster-info": runClusterInfo,
  config: runConfig,
  "api-resources": runApiResources,
  "api-versions": runApiVersions,
  wait: runWait,
  attach: runAttach,
};

/** The subcommands kubectl has: its "unknown command" suggestions and the shell's completion. */
export const KUBECTL_SUBCOMMANDS: readonly string[] = [
  "annotate",
  "api-resources",
  "api-versions",
  "apply",
  "attach",
  "auth",
  "autoscale",
  "certificate",
  "cluster-info",
  "completion",
  "config",
  "cordon",
  "cp",
  "create",
  "debug",
  "delete",
  "describe",
  "diff",
  "drain",
  "edit",
  "events",
  "exec",
  "explain",
  "expose",
  "get",
  "kustomize",
  "label",
  "logs",
  "options",
  "patch",
  "plugin",
  "port-forward",
  "proxy",
  "replace",
  "rollout",
  "run",
  "scale",
  "set",
  "taint",
  "top",
  "uncordon",
  "version",
  "wait",
];

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** Where kubectl registers a command: the order of `kubectl --help`, the rest after. */
function registrationIndex(command: string): number {
  const at = TOP_LEVEL_HELP.indexOf(`\n  ${command} `);
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}

/**
 * cobra's suggestions: distance of at most 2, or a command starting with what was typed, in the
 * order kubectl registered its commands (`gett` suggests set, then get).
 */
function unknownCommand(word: string): KubectlError {
  const byRegistration = [...KUBECTL_SUBCOMMANDS].sort(
    (a, b) => registrationIndex(a) - registrationIndex(b),
  );
  const suggestions = byRegistration.filter(
    (c) => levenshtein(word, c) <= 2 || c.startsWith(word.toLowerCase()),
  );
  let text = `error: unknown command "${word}" for "kubectl"`;
  if (suggestions.length > 0)
    text += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join("\n")}`;
  return new KubectlError(text);
}

export async function runKubectl(argv: readonly string[], env: KubectlEnv): Promise<number> {
  try {
    const index = positionalIndex(argv, 0);
    if (index === -1) {
      env.stdout(TOP_LEVEL_HELP);
      return 0;
    }
    const word = argv[index] ?? "";
    const command = COMMANDS[word];
    if (!command) throw unknownCommand(word);
    const rest = [...argv.slice(0, index), ...argv.slice(index + 1)];
    const dash = rest.indexOf("--");
    const beforeDash = dash === -1 ? rest : rest.slice(0, dash);
    const help = commandHelp(word);
    if (help !== undefined && (beforeDash.includes("--help") || beforeDash.includes("-h"))) {
      env.stdout(help);
      return 0;
    }
    const group = GROUP_HELP[word];
    if (group && positionalIndex(rest, 0) === -1) {
      env[group.stream](group.text);
      return 1;
    }
    return await command(rest, env);
  } catch (error) {
    if (error instanceof KubectlError) {
      if (error.stdout !== "") env.stdout(error.stdout);
      env.stderr(error.message.endsWith("\n") ? error.message : error.message + "\n");
      return error.exitCode;
    }
    throw error;
  }
}

/** The shell's view of one kubectl run: KubectlEnv without the cluster and namespace. */
export type KubectlIo = Omit<KubectlEnv, "cluster" | "namespace">;

/** A runner for the shell (src/sandbox/shell/commands/kubectl.ts): kubectl bound to one cluster. */
export function createKubectlRunner(
  cluster: KubectlEnv["cluster"],
  options: { namespace?: string } = {},
): (argv: readonly string[], io: KubectlIo) => Promise<number> {
  return (argv, io) =>
    runKubectl(argv, { ...io, cluster, namespace: options.namespace ?? "default" });
}
