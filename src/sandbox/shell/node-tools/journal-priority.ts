/**
 * Syslog priorities of the node's journal, for `journalctl -p`. What a line's PRIORITY is follows
 * where it came from, not what it says:
 * - a service's stdout/stderr (containerd's logrus lines, the kubelet's klog lines) is stored at
 *   the unit's SyslogLevel=, info by default (systemd.exec(5)): `level=error` or an `E1124` klog
 *   header is still priority 6, so `journalctl -u containerd -p err` finds nothing there;
 * - systemd's own lines about a unit carry the level systemd logs them at (src/core/service.c,
 *   job.c): "Failed to start" err, "Failed with result" warning, "Main process exited" notice;
 * - the kernel's carry their printk level: the OOM killer's kill lines are KERN_ERR, its
 *   "invoked oom-killer" header KERN_WARNING, the boot banner KERN_NOTICE.
 */
import type { JournalEntry } from "../../cluster/node-host.ts";

/** systemd's log level names, by number (emerg=0 ... debug=7). */
const LEVELS = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

const INFO = 6;

export function journalPriority(entry: JournalEntry): number {
  if (entry.identifier !== "systemd") return INFO;
  if (/^Failed to (?:start|stop|restart)\b/.test(entry.message)) return 3;
  if (/: Failed with result '/.test(entry.message)) return 4;
  if (/: Main process exited, /.test(entry.message)) return 5;
  return INFO;
}

export function kernelPriority(message: string): number {
  if (/^(?:Memory cgroup out of memory|Out of memory): Killed process/.test(message)) return 3;
  if (/ invoked oom-killer: /.test(message)) return 4;
  if (/^Linux version /.test(message)) return 5;
  return INFO;
}

/** log_level_from_string: a name or a number 0-7. */
function level(text: string): number | undefined {
  const named = LEVELS.indexOf(text);
  if (named !== -1) return named;
  return /^[0-7]$/.test(text) ? Number(text) : undefined;
}

/**
 * `-p LEVEL` keeps LEVEL and everything more important; `-p FROM..TO` the range, either way
 * round (journalctl.c). The error text when it does not parse.
 */
export function parsePriorities(text: string): ReadonlySet<number> | string {
  const dots = text.indexOf("..");
  if (dots === -1) {
    const max = level(text);
    if (max === undefined) return `Unknown log level ${text}`;
    return new Set(Array.from({ length: max + 1 }, (_, index) => index));
  }
  const from = level(text.slice(0, dots));
  const to = level(text.slice(dots + 2));
  if (from === undefined || to === undefined) return `Failed to parse log level range ${text}`;
  const [low, high] = from < to ? [from, to] : [to, from];
  return new Set(Array.from({ length: high - low + 1 }, (_, index) => low + index));
}
