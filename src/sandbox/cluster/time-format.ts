/** Timestamps as the API server writes them: RFC 3339 in UTC with whole seconds. */
export function rfc3339(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  let text = formatted.get(seconds);
  if (text === undefined) {
    text = new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    formatted.set(seconds, text);
  }
  return text;
}

/**
 * Formatting is hot (every status write and event) and keeps returning to a few seconds (a pod's
 * start, its conditions' transitions, now), so recent results are kept.
 */
const formatted = new Map<number, string>();
const FORMATTED_MAX = 4096;

/** The zero time Go's time.Time marshals for a process that never started. */
export const UNIX_EPOCH = "1970-01-01T00:00:00Z";

/** Kubernetes' duration strings, as in "back-off 2m40s restarting failed container". */
export function goDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/**
 * Go's time.Time String() of a wall-clock reading, as klog lines print it: the fraction without
 * trailing zeros, the zone, and the monotonic reading since the process started (m=+seconds).
 */
export function goTimeString(ms: number, processStartMs: number): string {
  const [date = "", time = ""] = new Date(ms).toISOString().slice(0, -1).split("T");
  const [hms = "", fraction = ""] = time.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  const monotonic = (Math.max(0, ms - processStartMs) / 1000).toFixed(9);
  return `${date} ${hms}${trimmed === "" ? "" : `.${trimmed}`} +0000 UTC m=+${monotonic}`;
}
