/**
 * The commands a learner ran, each with the node it ran on when it ran in a node debug pod.
 * Grading the investigation path needs to know which node was looked at, because the right
 * journal is on the broken node only. `kubectl debug node/NODE ... -- CMD` runs CMD there once;
 * lines typed in an interactive debug shell (`kubectl debug node/NODE -it`) run there. The shell
 * reports the opening kubectl line only when that shell closes, after the lines typed inside it,
 * so those lines get their node then.
 */
export interface CommandRecord {
  readonly line: string;
  readonly exitCode: number;
  readonly atMs: number;
  /** The node the command ran on, or undefined for the learner's own workstation shell. */
  readonly node: string | undefined;
}

export interface CommandEntry {
  readonly line: string;
  readonly exitCode: number;
  readonly atMs: number;
}

const DEBUG_NODE = /\bkubectl\s+debug\s+(?:\S+\s+)*?node\/([a-z0-9.-]+)(.*)$/;

/** The node a one-shot `kubectl debug node/NODE ... -- CMD` line ran CMD on. */
export function oneShotDebugNode(line: string): string | undefined {
  const debug = DEBUG_NODE.exec(line);
  if (debug === null) return undefined;
  const command = /\s--\s+(.*)$/.exec(debug[2] ?? "")?.[1]?.trim() ?? "";
  // A shell as the command opens an interactive session instead of running something once.
  if (command === "" || /^(?:(?:\/usr)?\/bin\/)?(?:ba|z)?sh$/.test(command)) return undefined;
  return debug[1];
}

interface LoggedCommand {
  readonly line: string;
  readonly exitCode: number;
  readonly atMs: number;
  node: string | undefined;
  /** Node debug pods that appeared since the previous command. */
  readonly newDebugPods: readonly string[];
}

export class CommandLog {
  readonly #records: LoggedCommand[] = [];
  #debugPods: ReadonlySet<string> = new Set();

  /**
   * `debugPods`: the names of the node debug pods (node-debugger-<node>-<suffix>) that exist now.
   * When the line that opened an interactive debug shell arrives, the commands since its pod
   * appeared are the ones typed inside that shell, on its node.
   */
  record(entry: CommandEntry, debugPods: ReadonlySet<string>): void {
    const newDebugPods = [...debugPods].filter((name) => !this.#debugPods.has(name));
    this.#debugPods = debugPods;
    this.#records.push({ ...entry, node: oneShotDebugNode(entry.line), newDebugPods });
    const opened = DEBUG_NODE.exec(entry.line)?.[1];
    if (opened === undefined || oneShotDebugNode(entry.line) !== undefined) return;
    const prefix = `node-debugger-${opened}-`;
    for (let i = this.#records.length - 2; i >= 0; i--) {
      const inner = this.#records[i];
      if (inner === undefined) break;
      inner.node ??= opened;
      if (inner.newDebugPods.some((name) => name.startsWith(prefix))) break;
    }
  }

  records(): readonly CommandRecord[] {
    return this.#records;
  }
}
