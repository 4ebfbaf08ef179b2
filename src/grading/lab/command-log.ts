/**
 * The commands a learner ran, each with the node it ran on when it ran on one. Grading the
 * investigation path needs to know which node was looked at, because the right journal is on the
 * broken node only. The shell says where each line was typed (its `host`, see
 * src/sandbox/shell/terminal-session.ts CommandRecord): in a node debug pod's shell a line reaches
 * the node (`chroot /host CMD` runs the node's CMD; `dmesg` reads the one kernel's ring buffer); on
 * the workstation, `kubectl debug node/NODE ... -- CMD` runs CMD there once.
 */
export interface CommandRecord {
  readonly line: string;
  readonly exitCode: number;
  readonly atMs: number;
  /** The node the command ran on, or undefined for the workstation or a pod's container. */
  readonly node: string | undefined;
}

export interface CommandEntry {
  readonly line: string;
  readonly exitCode: number;
  readonly atMs: number;
  /** Where the shell ran the line: "workstation", "debug-pod:NODE", "node:NODE" or "pod:NS/POD". */
  readonly host: string;
}

const DEBUG_NODE = /\bkubectl\s+debug\s+(?:\S+\s+)*?node\/([a-z0-9.-]+)(.*)$/;

/** bash's status for a command that does not exist: nothing ran, on the node or anywhere. */
const COMMAND_NOT_FOUND = 127;

/** The node a one-shot `kubectl debug node/NODE ... -- CMD` line ran CMD on. */
export function oneShotDebugNode(line: string): string | undefined {
  const debug = DEBUG_NODE.exec(line);
  if (debug === null) return undefined;
  const command = /\s--\s+(.*)$/.exec(debug[2] ?? "")?.[1]?.trim() ?? "";
  // A shell as the command opens an interactive session instead of running something once.
  if (command === "" || /^(?:(?:\/usr)?\/bin\/)?(?:ba|z)?sh$/.test(command)) return undefined;
  return debug[1];
}

/** The node a line ran on, from where the shell says it was typed. */
export function nodeOf(entry: CommandEntry): string | undefined {
  const [kind, name] = entry.host.split(/:(.*)/);
  if (kind === "workstation") return oneShotDebugNode(entry.line);
  if ((kind === "debug-pod" || kind === "node") && entry.exitCode !== COMMAND_NOT_FOUND)
    return name;
  return undefined;
}

export class CommandLog {
  readonly #records: CommandRecord[] = [];

  record(entry: CommandEntry): void {
    const { line, exitCode, atMs } = entry;
    this.#records.push({ line, exitCode, atMs, node: nodeOf(entry) });
  }

  records(): readonly CommandRecord[] {
    return this.#records;
  }
}
