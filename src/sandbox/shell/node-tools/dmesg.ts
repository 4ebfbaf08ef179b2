/**
 * util-linux dmesg: the kernel ring buffer as `[  12.345678] message`, `-T` for wall-clock times,
 * `-l`/`--level LIST` (comma-separated names; `err+` adds the more important levels), `-H`-less
 * plain output, and the refusal a process without CAP_SYSLOG gets where the kernel restricts the
 * log (kernel.dmesg_restrict=1, the default of the distributions nodes run):
 * `dmesg: read kernel buffer failed: Operation not permitted`.
 */
import { kernelPriority } from "./journal-priority.ts";
import { ctime, done } from "./tool-context.ts";
import type { NodeToolContext, ToolResult } from "./tool-context.ts";

/** dmesg's level names (util-linux sys-utils/dmesg.c level_names), by priority. */
const LEVEL_NAMES = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"];

/** `-l err,warn` or `-l err+`: the priorities to show, or the unknown name. */
function parseLevels(list: string): Set<number> | string {
  const levels = new Set<number>();
  for (const word of list.split(",")) {
    const orMore = word.endsWith("+");
    const level = LEVEL_NAMES.indexOf(orMore ? word.slice(0, -1) : word);
    if (level === -1) return word;
    for (let priority = orMore ? 0 : level; priority <= level; priority += 1) levels.add(priority);
  }
  return levels;
}

export function dmesg(args: readonly string[], context: NodeToolContext): ToolResult {
  let wallClock = false;
  let levels: Set<number> | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (arg === "-T" || arg === "--ctime") wallClock = true;
    else if (arg === "-l" || arg === "--level" || arg.startsWith("--level=")) {
      const list = arg.startsWith("--level=") ? arg.slice(8) : args[(index += 1)];
      const parsed = parseLevels(list ?? "");
      if (typeof parsed === "string") return done("", `dmesg: unknown level '${parsed}'\n`, 1);
      levels = parsed;
    } else if (
      !["-L", "--color=never", "--nopager", "-x", "--decode", "-k", "--kernel"].includes(arg)
    ) {
      return done(
        "",
        `dmesg: invalid option -- '${arg.replace(/^-+/, "")}'\nTry 'dmesg --help' for more information.\n`,
        1,
      );
    }
  }
  if (!context.privileged)
    return done("", "dmesg: read kernel buffer failed: Operation not permitted\n", 1);
  const { host } = context;
  const shown = host
    .kernelLog()
    .filter((entry) => levels === undefined || levels.has(kernelPriority(entry.message)));
  const lines = shown.map((entry) => {
    const stamp = wallClock
      ? ctime(host.bootTimeMs + Math.floor(entry.secondsSinceBoot) * 1000)
      : entry.secondsSinceBoot.toFixed(6).padStart(12, " ");
    return `[${stamp}] ${entry.message}\n`;
  });
  return done(lines.join(""));
}
