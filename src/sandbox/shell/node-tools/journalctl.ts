/**
 * systemd's journalctl in its default short output: `Nov 24 20:01:02 node-2 containerd[812]: ...`,
 * with `-u UNIT` (several are OR-ed), `--since`/`--until` (absolute times, `N minutes ago`, `today`,
 * `yesterday`, `now`), `-n N`, `-r`, `-k`, `-g PATTERN`, `-p LEVEL|FROM..TO`, `-b`, `--no-pager`,
 * `-f` (until Ctrl-C), and `-- No entries --` when nothing matches.
 */
import type { JournalEntry } from "../../cluster/node-host.ts";
import { journalPriority, kernelPriority, parsePriorities } from "./journal-priority.ts";
import { done, syslogTime } from "./tool-context.ts";
import type { NodeToolContext, ToolResult } from "./tool-context.ts";

const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  week: 604800,
  weeks: 604800,
};

/** systemd.time(7) timestamps as journalctl accepts them; undefined when it cannot parse one. */
function parseJournalTime(text: string, nowMs: number): number | undefined {
  const value = text.trim().toLowerCase();
  const startOfDay = nowMs - (nowMs % 86_400_000);
  if (value === "now") return nowMs;
  if (value === "today") return startOfDay;
  if (value === "yesterday") return startOfDay - 86_400_000;
  if (value === "tomorrow") return startOfDay + 86_400_000;
  const relative = /^([+-]?)(\d+)\s*([a-z]+)(?:\s+ago)?$/.exec(value);
  if (relative) {
    const seconds = UNITS[relative[3] ?? ""];
    if (seconds === undefined) return undefined;
    const sign = relative[1] === "+" && !value.endsWith("ago") ? 1 : -1;
    return nowMs + sign * Number(relative[2]) * seconds * 1000;
  }
  const absolute = /^(\d{4}-\d{2}-\d{2})(?:[ t](\d{2}:\d{2}(?::\d{2})?))?$/.exec(value);
  if (absolute) {
    const time = absolute[2] ?? "00:00:00";
    const parsed = Date.parse(`${absolute[1] ?? ""}T${time.length === 5 ? `${time}:00` : time}Z`);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  const clock = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (clock) {
    return (
      startOfDay + (Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0)) * 1000
    );
  }
  return undefined;
}

function formatEntry(entry: JournalEntry, node: string): string {
  return `${syslogTime(entry.timeMs)} ${node} ${entry.identifier}[${entry.pid}]: ${entry.message}\n`;
}

interface JournalQuery {
  units: string[];
  since?: number;
  until?: number;
  lines?: number;
  reverse: boolean;
  kernel: boolean;
  grep?: RegExp;
  priorities?: ReadonlySet<number>;
  follow: boolean;
}

function parseArgs(args: readonly string[], nowMs: number): JournalQuery | string {
  const query: JournalQuery = { units: [], reverse: false, kernel: false, follow: false };
  const take = (index: number, arg: string, long: string): [string | undefined, number] => {
    if (arg.startsWith(`${long}=`)) return [arg.slice(long.length + 1), index];
    if (arg.length > 2 && !arg.startsWith("--")) return [arg.slice(2), index];
    return [args[index + 1], index + 1];
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    const flag = arg.startsWith("--") ? arg.split("=")[0] : arg.slice(0, 2);
    switch (flag) {
      case "-u":
      case "--unit": {
        const [value, next] = take(index, arg, "--unit");
        index = next;
        if (value === undefined) return `journalctl: option '${arg}' requires an argument`;
        query.units.push(value.includes(".") ? value : `${value}.service`);
        break;
      }
      case "-S":
      case "--since":
      case "-U":
      case "--until": {
        const long = flag === "-S" || flag === "--since" ? "--since" : "--until";
        const [value, next] = take(index, arg, long);
        index = next;
        const time = value === undefined ? undefined : parseJournalTime(value, nowMs);
        if (time === undefined) return `Failed to parse timestamp: ${value ?? ""}`;
        if (long === "--since") query.since = time;
        else query.until = time;
        break;
      }
      case "-n":
      case "--lines": {
        const [value, next] =
          arg === "-n" || arg === "--lines"
            ? [args[index + 1], index + 1]
            : take(index, arg, "--lines");
        index = next;
        if (value === undefined || !/^\+?\d+$/.test(value))
          return `Failed to parse lines '${value ?? ""}'.`;
        query.lines = Number(value.replace("+", ""));
        break;
      }
      case "-g":
      case "--grep": {
        const [value, next] = take(index, arg, "--grep");
        index = next;
        try {
          query.grep = new RegExp(value ?? "", /[A-Z]/.test(value ?? "") ? "" : "i");
        } catch {
          return `Bad pattern "${value ?? ""}"`;
        }
        break;
      }
      case "-p":
      case "--priority": {
        const [value, next] = take(index, arg, "--priority");
        index = next;
        if (value === undefined) return `journalctl: option '${arg}' requires an argument`;
        const priorities = parsePriorities(value);
        if (typeof priorities === "string") return priorities;
        query.priorities = priorities;
        break;
      }
      case "-r":
      case "--reverse":
        query.reverse = true;
        break;
      case "-k":
      case "--dmesg":
        query.kernel = true;
        break;
      case "-f":
      case "--follow":
        query.follow = true;
        break;
      case "-b":
      case "--boot":
      case "--no-pager":
      case "-q":
      case "--quiet":
      case "-x":
      case "--catalog":
      case "-e":
      case "--pager-end":
      case "-l":
      case "--full":
      case "-a":
      case "--all":
        break;
      default:
        return `journalctl: invalid option -- '${arg.replace(/^-+/, "")}'`;
    }
  }
  return query;
}

export async function journalctl(
  args: readonly string[],
  context: NodeToolContext,
): Promise<ToolResult> {
  const { host, cluster } = context;
  const now = cluster.clock.now();
  const query = parseArgs(args, now);
  if (typeof query === "string") return done("", `${query}\n`, 1);
  let entries: JournalEntry[] = query.kernel
    ? host.kernelLog().map((entry) => ({
        timeMs: host.bootTimeMs + entry.secondsSinceBoot * 1000,
        unit: "kernel",
        identifier: "kernel",
        pid: 0,
        message: entry.message,
      }))
    : [...host.journal()];
  const priority = (entry: JournalEntry): number =>
    query.kernel ? kernelPriority(entry.message) : journalPriority(entry);
  entries = entries
    .filter((entry) => query.priorities === undefined || query.priorities.has(priority(entry)))
    .filter((entry) => query.units.length === 0 || query.units.includes(entry.unit))
    .filter((entry) => query.since === undefined || entry.timeMs >= query.since)
    .filter((entry) => query.until === undefined || entry.timeMs <= query.until)
    .filter((entry) => query.grep === undefined || query.grep.test(entry.message))
    .sort((a, b) => a.timeMs - b.timeMs);
  // -f shows the last 10 lines unless -n says otherwise, then waits for more.
  const lines = query.lines ?? (query.follow ? 10 : undefined);
  if (lines !== undefined) entries = lines === 0 ? [] : entries.slice(-lines);
  if (query.reverse) entries.reverse();
  const format = (entry: JournalEntry): string =>
    query.kernel
      ? `${entry.message.length > 0 ? `${syslogTime(entry.timeMs)} ${host.name} kernel: ${entry.message}` : ""}\n`
      : formatEntry(entry, host.name);
  const stdout = entries.length === 0 ? "-- No entries --\n" : entries.map(format).join("");
  if (!query.follow) return done(stdout);
  await context.waitForInterrupt();
  return done(stdout);
}
