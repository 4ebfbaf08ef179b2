/**
 * What a node's tools (journalctl, systemctl, crictl, dmesg, ps, free, df) read and change: the
 * node's operating system as the cluster models it (src/sandbox/cluster/node-host.ts).
 */
import type { Cluster } from "../../cluster/cluster.ts";
import type { NodeHost } from "../../cluster/node-host.ts";

export interface NodeToolContext {
  readonly cluster: Cluster;
  readonly host: NodeHost;
  /** The debug pod runs privileged (`kubectl debug --profile=sysadmin`). */
  readonly privileged: boolean;
  /** Resolves on Ctrl-C (`journalctl -f`); at once when no one can press it (a script). */
  waitForInterrupt(): Promise<void>;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const done = (stdout: string, stderr = "", exitCode = 0): ToolResult => ({
  stdout,
  stderr,
  exitCode,
});

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad2 = (value: number): string => String(value).padStart(2, "0");

/** syslog's "Nov 24 20:01:02" (journalctl's short format). */
export function syslogTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()] ?? ""} ${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** ctime's "Tue Nov 24 20:01:02 2026" (dmesg -T). */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, " ");
  return `${DAYS[d.getUTCDay()] ?? ""} ${MONTHS[d.getUTCMonth()] ?? ""} ${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** systemd's "Tue 2026-11-24 19:00:05 UTC". */
export function systemdTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()] ?? ""} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

/** systemd's relative span: "1h 2min ago", "3min 20s ago", "5s ago", "2 days ago". */
export function systemdAgo(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} day${days === 1 ? "" : "s"} ${hours}h ago`;
  if (hours > 0) return `${hours}h ${minutes}min ago`;
  if (minutes > 0) return `${minutes}min ${rest}s ago`;
  return `${rest}s ago`;
}
