/**
 * The commands a learner ran, each with the node it ran on when it ran in a node debug shell.
 * `kubectl debug node/NODE -it --image=... [-- bash]` opens a shell whose `chroot /host ...` or
 * (after `chroot /host`) plain commands act on NODE until `exit`; `kubectl debug node/NODE ... --
 * CMD` runs CMD there once. Grading the investigation path needs to know which node was looked at,
 * because the right journal is on the broken node only.
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
const INTERACTIVE = /(?:^|\s)(?:-it|-ti|-i|--stdin(?:=true)?)(?:\s|$)/;
const LEAVE_SHELL = /^\s*(?:exit|logout)(?:\s+\d+)?\s*$/;

export class CommandLog {
  readonly #records: CommandRecord[] = [];
  /** Nested shells entered on nodes (a debug shell, then `chroot /host` inside it, ...). */
  readonly #shells: string[] = [];

  record(entry: CommandEntry): CommandRecord {
    const current = this.#shells.at(-1);
    const debug = DEBUG_NODE.exec(entry.line);
    let node = current;
    if (debug !== null) {
      const target = debug[1] ?? "";
      const rest = debug[2] ?? "";
      const commandAfterDashes = /\s--\s+(.*)$/.exec(rest)?.[1]?.trim() ?? "";
      const opensShell =
        INTERACTIVE.test(rest) &&
        (commandAfterDashes === "" || /^(?:ba|z)?sh$|^chroot \/host$/.test(commandAfterDashes));
      if (opensShell) this.#shells.push(target);
      else if (commandAfterDashes !== "") node = target;
    } else if (current !== undefined && /^\s*chroot\s+\/host\s*$/.test(entry.line)) {
      this.#shells.push(current);
    } else if (LEAVE_SHELL.test(entry.line)) {
      this.#shells.pop();
    }
    const record = { ...entry, node };
    this.#records.push(record);
    return record;
  }

  records(): readonly CommandRecord[] {
    return this.#records;
  }
}
