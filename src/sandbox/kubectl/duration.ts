/**
 * Ages as kubectl prints them: k8s.io/apimachinery/pkg/util/duration HumanDuration (tables,
 * describe) and ShortHumanDuration (`kubectl events`). Both tolerate up to 2s of clock skew.
 */

const MINUTE = 60;
const HOUR = 3600;

export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 2 * MINUTE) return `${seconds}s`;
  const minutes = Math.trunc(seconds / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = Math.trunc(seconds / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const days = Math.trunc(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < MINUTE) return `${seconds}s`;
  const minutes = Math.trunc(seconds / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(seconds / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** printers' translateTimestampSince: "<unknown>" for a missing time, else the age. */
export function ageSince(timestamp: string | undefined | null, nowMs: number): string {
  if (!timestamp) return "<unknown>";
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return "<unknown>";
  return humanDuration(nowMs - ms);
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Go's time.RFC1123Z in UTC ("Tue, 24 Nov 2026 20:21:17 +0000"), as describe prints times. */
export function rfc1123z(timestamp: string | undefined | null): string {
  const ms = timestamp ? Date.parse(timestamp) : 0;
  const d = new Date(Number.isNaN(ms) ? 0 : ms);
  return `${DAYS[d.getUTCDay()] ?? ""}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}
