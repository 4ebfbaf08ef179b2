/**
 * util-linux dmesg: the kernel ring buffer as `[  12.345678] message`, `-T` for wall-clock times,
 * `-H`-less plain output, and the refusal a process without CAP_SYSLOG gets where the kernel
 * restricts the log (kernel.dmesg_restrict=1, the default of the distributions nodes run):
 * `dmesg: read kernel buffer failed: Operation not permitted`.
 */
import { ctime, done } from "./tool-context.ts";
import type { NodeToolContext, ToolResult } from "./tool-context.ts";

export function dmesg(args: readonly string[], context: NodeToolContext): ToolResult {
  let wallClock = false;
  for (const arg of args) {
    if (arg === "-T" || arg === "--ctime") wallClock = true;
    else if (
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
  const lines = host.kernelLog().map((entry) => {
    const stamp = wallClock
      ? ctime(host.bootTimeMs + Math.floor(entry.secondsSinceBoot) * 1000)
      : entry.secondsSinceBoot.toFixed(6).padStart(12, " ");
    return `[${stamp}] ${entry.message}\n`;
  });
  return done(lines.join(""));
}
