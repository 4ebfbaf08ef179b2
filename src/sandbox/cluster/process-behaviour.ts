/**
 * What the container's main process does. Usually the image says (its catalogue entry), but the
 * commands people put in pod specs and `kubectl run ... -- <command>` (sleep, true, false,
 * sh -c "exit N") behave the same in every image, so they are recognised here.
 */
import type { ProcessSpec } from "../../schemas/scenario.ts";

function seconds(arg: string | undefined): number | null {
  if (arg === undefined || arg === "infinity" || arg === "inf") return null;
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!match) return 0;
  const factor = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? ""] ?? 1;
  return Number(match[1]) * factor;
}

export function effectiveProcess(image: ProcessSpec, argv: readonly string[]): ProcessSpec {
  const program = argv[0]?.split("/").at(-1);
  const quiet = { ...image, logs: [], forks: false, pids: 1, memoryMi: 1 };
  if (program === "sleep") {
    const duration = seconds(argv[1]);
    return duration === null
      ? { ...quiet, exitValue: null }
      : { ...quiet, exitValue: 0, runSeconds: duration };
  }
  if (program === "true") return { ...quiet, exitValue: 0, runSeconds: 0 };
  if (program === "false") return { ...quiet, exitValue: 1, runSeconds: 0 };
  if ((program === "sh" || program === "bash") && argv[1] === "-c") {
    const exit = /^\s*exit\s+(-?\d+)\s*$/.exec(argv[2] ?? "");
    if (exit) return { ...quiet, exitValue: Number(exit[1]), runSeconds: 0 };
    const sleep = /^\s*sleep\s+(\S+)\s*$/.exec(argv[2] ?? "");
    if (sleep) return effectiveProcess(image, ["sleep", sleep[1] ?? ""]);
  }
  return image;
}

/**
 * A bare shell (`sh`, `bash -i`...) whose stdin is a terminal someone attached
 * (`kubectl debug POD -it`, `kubectl run -it`): it waits for input and ends when the session does.
 */
export function readsTerminal(argv: readonly string[]): boolean {
  const program = argv[0]?.split("/").at(-1);
  const shell = program === "sh" || program === "bash" || program === "ash";
  return shell && argv.slice(1).every((arg) => arg === "-i" || arg === "-l" || arg === "--login");
}

/** Such a shell's process: one small process that never exits by itself. */
export function waitingForInput(image: ProcessSpec): ProcessSpec {
  return { ...image, logs: [], forks: false, pids: 1, memoryMi: 1, exitValue: null };
}
