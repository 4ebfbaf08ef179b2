/**
 * The line formats of the node's daemons, as they reach the journal: containerd logs in logfmt
 * (time="RFC 3339 with nanoseconds" level=... msg="..."), the kubelet in klog format
 * (E1124 20:01:02.123456    1034 file.go:123] "message" key="value").
 */

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Go's %q for the strings these daemons quote. */
export function goQuote(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}

export function logfmt(
  timeMs: number,
  nanosWithinMs: number,
  level: string,
  msg: string,
  fields: Readonly<Record<string, string>> = {},
): string {
  const date = new Date(timeMs);
  const iso = date.toISOString().slice(0, 19);
  const frac = pad(date.getUTCMilliseconds(), 3) + pad(nanosWithinMs, 6);
  const extra = Object.entries(fields)
    .map(([k, v]) => ` ${k}=${/^[A-Za-z0-9._\-/:]+$/.test(v) ? v : goQuote(v)}`)
    .join("");
  return `time="${iso}.${frac}Z" level=${level} msg=${goQuote(msg)}${extra}`;
}

/** klog's header: severity, MMDD, time with microseconds, thread id padded to 7, file:line]. */
export function klogHeader(
  severity: "I" | "W" | "E",
  timeMs: number,
  micros: number,
  pid: number,
  location: string,
): string {
  const d = new Date(timeMs);
  return `${severity}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}${pad(micros, 3)} ${String(pid).padStart(7, " ")} ${location}]`;
}

export function klog(
  severity: "I" | "W" | "E",
  timeMs: number,
  micros: number,
  pid: number,
  location: string,
  message: string,
  fields: Readonly<Record<string, string>> = {},
): string {
  const header = klogHeader(severity, timeMs, micros, pid, location);
  const extra = Object.entries(fields)
    .map(([k, v]) => ` ${k}=${goQuote(v)}`)
    .join("");
  return `${header} ${goQuote(message)}${extra}`;
}
