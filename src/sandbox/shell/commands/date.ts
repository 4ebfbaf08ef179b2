/**
 * GNU `date` on the virtual clock (the host clock would make sessions unreplayable). The sandbox's
 * machines run in UTC, so local time and `-u` agree. Supports the forms people type while
 * troubleshooting: plain `date`, `-u`, `-R`, `-I[seconds]`, `+FORMAT`, `-d @EPOCH`.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

const pad = (value: number, width = 2, fill = "0"): string => String(value).padStart(width, fill);

/** strftime as GNU date implements the common conversions, in UTC. */
function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  const conversions: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()] ?? "",
    b: () => MONTHS[d.getUTCMonth()] ?? "",
    h: () => MONTHS[d.getUTCMonth()] ?? "",
    d: () => pad(d.getUTCDate()),
    e: () => pad(d.getUTCDate(), 2, " "),
    m: () => pad(d.getUTCMonth() + 1),
    Y: () => String(d.getUTCFullYear()),
    y: () => pad(d.getUTCFullYear() % 100),
    H: () => pad(d.getUTCHours()),
    M: () => pad(d.getUTCMinutes()),
    S: () => pad(d.getUTCSeconds()),
    N: () => pad(d.getUTCMilliseconds() * 1_000_000, 9),
    s: () => String(Math.floor(ms / 1000)),
    j: () => pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3),
    Z: () => "UTC",
    z: () => "+0000",
    F: () => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    T: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    R: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    n: () => "\n",
    t: () => "\t",
    "%": () => "%",
  };
  return format.replace(/%(.)/g, (match, key: string) => conversions[key]?.() ?? match);
}

const DEFAULT_FORMAT = "%a %b %e %H:%M:%S %Z %Y";

export function dateCommand(now: () => number): Command {
  return defineCommand("date", (args) => {
    let ms = now();
    let format = DEFAULT_FORMAT;
    for (let index = 0; index < args.length; index += 1) {
      const arg = args[index] ?? "";
      if (arg === "-u" || arg === "--utc" || arg === "--universal") continue;
      if (arg === "-R" || arg === "--rfc-email") format = "%a, %d %b %Y %H:%M:%S %z";
      else if (arg === "-I" || arg === "--iso-8601" || arg === "-Idate") format = "%F";
      else if (arg === "-Iseconds" || arg === "--iso-8601=seconds") format = "%FT%T+00:00";
      else if (arg.startsWith("+")) format = arg.slice(1);
      else if (arg === "-d" || arg === "--date" || arg.startsWith("--date=")) {
        const value = arg.startsWith("--date=") ? arg.slice(7) : (args[(index += 1)] ?? "");
        const epoch = /^@(-?\d+)$/.exec(value.trim());
        if (!epoch) {
          return Promise.resolve({
            stdout: "",
            stderr: `date: invalid date '${value}'\n`,
            exitCode: 1,
          });
        }
        ms = Number(epoch[1]) * 1000;
      } else {
        return Promise.resolve({
          stdout: "",
          stderr: `date: invalid option -- '${arg.replace(/^-+/, "")}'\nTry 'date --help' for more information.\n`,
          exitCode: 1,
        });
      }
    }
    return Promise.resolve({ stdout: formatDate(ms, format) + "\n", stderr: "", exitCode: 0 });
  });
}
