/**
 * The commands a learner ran, each with the node it ran on when it ran in a node debug pod.
 * Grading the investigation path needs to know which node was looked at, because the right
 * journal is on the broken node only. `kubectl debug node/NODE ... -- CMD` runs CMD there once;
 * lines typed in an interactive debug shell (`kubectl debug node/NODE -it`) run there. The shell
 * reports the opening kubectl line only when that shell closes, after the lines typed inside it,
 * so an open shell is recognised by its debug pod instead.
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

/** The node a debug pod runs on, from kubectl's name for it: node-debugger-<node>-<5 chars>. */
function debugPodNode(name: string): string | undefined {
  return /^node-debugger-(.+)-[a-z0-9]{5}$/.exec(name)?.[1];
}

export class CommandLog {
  readonly #records: CommandRecord[] = [];
  #debugPods: ReadonlySet<string> = new Set();
  /** The node of the interactive debug shell the learner is typing in, if any. */
  #openShell: string | undefined;

  /**
   * `debugPods`: the names of the node debug pods that exist now. A debug pod that appeared since
   * the previous command while the command is not itself `kubectl debug` means an interactive
   * debug shell is open (its kubectl line is reported when it closes): this command and the next
   * ones ran on that pod's node until that line arrives.
   */
  record(entry: CommandEntry, debugPods: ReadonlySet<string>): void {
    const appeared = [...debugPods].filter((name) => !this.#debugPods.has(name));
    this.#debugPods = debugPods;
    const isDebugLine = DEBUG_NODE.test(entry.line);
    if (!isDebugLine) {
      const opened = appeared.map(debugPodNode).find((node) => node !== undefined);
      if (opened !== undefined) this.#openShell = opened;
    }
    const node = oneShotDebugNode(entry.line) ?? (isDebugLine ? undefined : this.#openShell);
    this.#records.push({ ...entry, node });
    if (isDebugLine && oneShotDebugNode(entry.line) === undefined) this.#openShell = undefined;
  }

  records(): readonly CommandRecord[] {
    return this.#records;
  }
}
