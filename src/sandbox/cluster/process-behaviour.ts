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
  const quiet = { ...image, logs: [], repeats: undefined, forks: false, pids: 1, memoryMi: 1 };
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
    const loop = printingLoop(argv[2] ?? "");
    if (loop) return { ...quiet, exitValue: null, repeats: loop };
  }
  return image;
}

/**
 * `while true; do date; sleep 2; done` (or `while :`, or `echo TEXT` for date): the classic
 * container that writes a line every few seconds, forever. Only a literal echo text is taken;
 * anything with expansions stays the image's own behaviour.
 */
function printingLoop(script: string): ProcessSpec["repeats"] {
  const loop =
    /^\s*while\s+(?:true|:)\s*;\s*do\s+(date|echo\s+(.+?))\s*;\s*sleep\s+(\d+(?:\.\d+)?)\s*;\s*done\s*$/.exec(
      script,
    );
  if (!loop) return undefined;
  const everySeconds = Number(loop[3]);
  if (!(everySeconds > 0)) return undefined;
  if (loop[1] === "date") return { everySeconds };
  const words = loop[2] ?? "";
  const quoted = /^'([^']*)'$|^"([^"$`\\]*)"$/.exec(words);
  if (quoted) return { everySeconds, text: quoted[1] ?? quoted[2] ?? "" };
  if (/[$`\\'"*?[\]{}()<>|&;]/.test(words)) return undefined;
  return { everySeconds, text: words.split(/\s+/).join(" ") };
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

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** date(1) with no arguments in a container (TZ unset, so UTC): `Wed Nov 25 10:50:53 UTC 2026`. */
export function dateCommandOutput(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, " ");
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${WEEKDAYS[d.getUTCDay()] ?? ""} ${MONTHS[d.getUTCMonth()] ?? ""} ${day} ${time} UTC ${d.getUTCFullYear()}`;
}

/**
 * The lines a repeating process has written from its start up to `untilMs` (inclusive): one at
 * start, then one every interval.
 */
export function repeatedLines(
  repeats: NonNullable<ProcessSpec["repeats"]>,
  startedMs: number,
  untilMs: number,
): { timeMs: number; text: string; stream: "stdout" }[] {
  const everyMs = Math.round(repeats.everySeconds * 1000);
  const lines: { timeMs: number; text: string; stream: "stdout" }[] = [];
  for (let timeMs = startedMs; timeMs <= untilMs; timeMs += everyMs)
    lines.push({ timeMs, text: repeats.text ?? dateCommandOutput(timeMs), stream: "stdout" });
  return lines;
}
