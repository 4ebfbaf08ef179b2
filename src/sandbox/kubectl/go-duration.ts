/**
 * Duration flags (`--timeout=5s`, `1m30s`) as pflag's DurationVar reads them with Go's
 * time.ParseDuration, and the usage error kubectl prints for a value it rejects.
 */
import { usageError } from "./errors.ts";
import type { Flags } from "./flags.ts";

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's strconv.Quote for the printable text a learner types. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** time.ParseDuration in milliseconds, or its error message. */
export function parseGoDuration(text: string): number | { error: string } {
  const invalid = { error: `time: invalid duration ${quote(text)}` };
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest.startsWith("-")) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return invalid;
  let total = 0;
  while (rest !== "") {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? "";
    const fraction = number?.[2];
    if (whole === "" && (fraction === undefined || fraction === "")) return invalid;
    rest = rest.slice(number?.[0].length ?? 0);
    const unit = /^[^\d.]*/.exec(rest)?.[0] ?? "";
    if (unit === "") return { error: `time: missing unit in duration ${quote(text)}` };
    const scale = UNIT_MS[unit];
    if (scale === undefined)
      return { error: `time: unknown unit ${quote(unit)} in duration ${quote(text)}` };
    total += Number(`${whole || "0"}.${fraction ?? ""}0`) * scale;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

/** A duration flag's value in milliseconds (undefined when not given), as kubectl parses it. */
export function durationFlag(command: string, flags: Flags, name: string): number | undefined {
  const value = flags.optionalString(name);
  if (value === undefined) return undefined;
  const parsed = parseGoDuration(value);
  if (typeof parsed === "number") return parsed;
  throw usageError(
    command,
    `invalid argument ${quote(value)} for "--${name}" flag: ${parsed.error}`,
  );
}
