/**
 * GNU coreutils `sleep` on the session's clock: NUMBER[SUFFIX]... summed (s, m, h, d; decimals and
 * exponents as strtod reads them, `inf`), with coreutils' messages. How long it really takes is the
 * session's business (at once in a script, in real time in a terminal, cut short by Ctrl-C); here
 * one sleep is capped at MAX_SLEEP_MS of virtual time, and says so.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";
import { MAX_SLEEP_MS, sleepLimitNotice } from "../budgets.ts";
import { quoteForLocale } from "./locale.ts";

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const TRY_HELP = "Try 'sleep --help' for more information.\n";

const USAGE = `Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.

      --help        display this help and exit
      --version     output version information and exit
`;

/** Milliseconds of one operand, or undefined when coreutils would call it invalid. */
function operandMs(operand: string): number | undefined {
  const match = /^\+?((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf(?:inity)?)([smhd])?$/i.exec(operand);
  if (!match) return undefined;
  const [, number = "", unit = "s"] = match;
  const value = /^inf/i.test(number) ? Infinity : Number(number);
  return value * (UNIT_MS[unit] ?? 1000);
}

/** Waits `ms` of virtual time, or less when Ctrl-C arrives; the session decides how. */
export type Sleeper = (ms: number, signal: AbortSignal) => Promise<void>;

export function sleepCommand(sleep: Sleeper): Command {
  return defineCommand("sleep", async (args, ctx) => {
    const fail = (message: string): { stdout: string; stderr: string; exitCode: number } => ({
      stdout: "",
      stderr: `sleep: ${message}\n${TRY_HELP}`,
      exitCode: 1,
    });
    if (args[0] === "--help") return { stdout: USAGE, stderr: "", exitCode: 0 };
    const operands = args[0] === "--" ? args.slice(1) : args;
    if (operands.length === 0) return fail("missing operand");
    let total = 0;
    for (const operand of operands) {
      if (operand.startsWith("-") && operand.length > 1) {
        return fail(`invalid option -- '${operand.slice(1, 2)}'`);
      }
      const ms = operandMs(operand);
      if (ms === undefined) {
        return fail(`invalid time interval ${quoteForLocale(operand, ctx.env)}`);
      }
      total += ms;
    }
    const capped = total > MAX_SLEEP_MS;
    await sleep(Math.min(total, MAX_SLEEP_MS), ctx.signal ?? new AbortController().signal);
    return { stdout: "", stderr: capped ? sleepLimitNotice() : "", exitCode: 0 };
  });
}
