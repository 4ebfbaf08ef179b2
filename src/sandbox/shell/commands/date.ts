/**
 * GNU `date` on the virtual clock (the host clock would make sessions unreplayable). The sandbox's
 * machines run in UTC, so local time and `-u` agree. Supports the forms people type while
 * troubleshooting: plain `date`, `-u`, `-R`, `-I[seconds]`, `+FORMAT`, `-d STRING` (parseDate).
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

const UNIT_MS: Readonly<Record<string, number>> = {
  sec: 1000,
  second: 1000,
  min: 60_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  fortnight: 1_209_600_000,
};

/**
 * `N unit [ago]` items of GNU's relative dates (parse-datetime.y relunit_snumber), added to `base`;
 * `ago` negates the item it follows only: `1 hour 30 minutes ago` is half an hour ahead.
 */
function relative(text: string, base: number): number | undefined {
  const item = /([+-]?\d*) ?([a-z]+)( ago)? ?/y;
  const date = new Date(base);
  item.lastIndex = 0;
  while (item.lastIndex < text.length) {
    const match = item.exec(text);
    if (!match) return undefined;
    const [, count = "", unit = "", ago] = match;
    const magnitude = /\d/.test(count) ? Number(count) : count === "-" ? -1 : 1;
    const amount = ago ? -magnitude : magnitude;
    const name = unit.replace(/s$/, "");
    const unitMs = UNIT_MS[name];
    if (name === "month") date.setUTCMonth(date.getUTCMonth() + amount);
    else if (name === "year") date.setUTCFullYear(date.getUTCFullYear() + amount);
    else if (unitMs !== undefined) date.setTime(date.getTime() + amount * unitMs);
    else return undefined;
  }
  return date.getTime();
}

/**
 * The `-d` strings people type while troubleshooting, as GNU date reads them (UTC machines):
 * `@EPOCH`, `now`, `today`, `yesterday`, `tomorrow`, relative items (`30 minutes ago`,
 * `-2 hours`, `1 day`), and absolute `YYYY-MM-DD[ T]HH:MM[:SS][Z]` or a bare `HH:MM[:SS]` today.
 */
function parseDate(value: string, now: number): number | undefined {
  const text = value.trim().toLowerCase().replace(/\s+/g, " ");
  const epoch = /^@(-?\d+)$/.exec(text);
  if (epoch) return Number(epoch[1]) * 1000;
  const day = new Date(now);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const named: Readonly<Record<string, number>> = {
    now,
    today: now,
    yesterday: now - 86_400_000,
    tomorrow: now + 86_400_000,
  };
  if (text === "") return midnight;
  if (named[text] !== undefined) return named[text];
  const absolute =
    /^(?:(\d{4})-(\d{1,2})-(\d{1,2}))?(?:[ t]?(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?: ?(?:z|utc))?$/.exec(
      text,
    );
  if (absolute && (absolute[1] !== undefined || absolute[4] !== undefined)) {
    const [, year, month, date, hours, minutes, seconds] = absolute;
    const start =
      year === undefined ? midnight : Date.UTC(Number(year), Number(month) - 1, Number(date));
    const ms =
      start + (Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
    const check = new Date(start);
    const valid =
      year === undefined ||
      (check.getUTCMonth() === Number(month) - 1 &&
        Number(hours ?? 0) < 24 &&
        Number(minutes ?? 0) < 60);
    return valid ? ms : undefined;
  }
  return relative(text, now);
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
        const parsed = parseDate(value, now());
        if (parsed === undefined) {
          return Promise.resolve({
            stdout: "",
            stderr: `date: invalid date ‘${value}’\n`,
            exitCode: 1,
          });
        }
        ms = parsed;
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
