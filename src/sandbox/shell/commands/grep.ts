/**
 * GNU grep's option rules over just-bash's grep, which keeps only the last `-e` pattern and lets a
 * later `-C` override an explicit `-A`/`-B`. GNU grep matches any of several `-e` patterns, and an
 * explicit `-A N` or `-B N` wins over `-C`/`-NUM` whatever the order (`grep -B1 -C0` shows one
 * line before). Options are handed on one per word, which also gives the built-in combined short
 * options with a value (`-inA1`) that it does not read itself.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

/** Short options that take a value (attached, `-A1`, or as the next word). */
const VALUE_LETTERS = new Set(["e", "f", "A", "B", "C", "m", "d", "D"]);
const LONG_VALUE: Readonly<Record<string, string>> = {
  "--regexp": "e",
  "--after-context": "A",
  "--before-context": "B",
  "--context": "C",
};

const USAGE =
  "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

interface GrepArgs {
  /** Options other than -e, -A, -B, -C, one word each (a value option with its value). */
  readonly other: string[];
  readonly patterns: string[];
  readonly context: { A?: string; B?: string; C?: string };
  /** Operands: the pattern when no -e was given, then files. */
  readonly operands: string[];
}

function parseGrepArgs(args: readonly string[]): GrepArgs {
  const parsed: GrepArgs = { other: [], patterns: [], context: {}, operands: [] };
  const take = (letter: string, value: string): void => {
    if (letter === "e") parsed.patterns.push(value);
    else if (letter === "A" || letter === "B" || letter === "C") parsed.context[letter] = value;
    else parsed.other.push(`-${letter}${value}`);
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (arg === "--") {
      parsed.operands.push(...args.slice(index + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const [name = "", value] = arg.split(/=(.*)/s, 2);
      const letter = LONG_VALUE[name];
      if (letter === undefined) parsed.other.push(arg);
      else take(letter, value ?? args[(index += 1)] ?? "");
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      parsed.operands.push(arg);
      continue;
    }
    const digits = /^-(\d+)$/.exec(arg);
    if (digits) {
      parsed.context.C = digits[1] ?? "0";
      continue;
    }
    for (let at = 1; at < arg.length; at += 1) {
      const letter = arg[at] ?? "";
      if (!VALUE_LETTERS.has(letter)) {
        parsed.other.push(`-${letter}`);
        continue;
      }
      take(letter, at + 1 < arg.length ? arg.slice(at + 1) : (args[(index += 1)] ?? ""));
      break;
    }
  }
  return parsed;
}

const escapeExtended = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Several patterns as one: alternation binds loosest in GNU's BRE (`\|`) and ERE (`|`). */
function combinedPattern(parsed: GrepArgs): { flags: string[]; pattern: string } {
  const fixed = parsed.other.includes("-F");
  const extended = fixed || parsed.other.some((flag) => flag === "-E" || flag === "-P");
  const flags = parsed.other.filter((flag) => flag !== "-F");
  if (fixed) flags.push("-E");
  const patterns = fixed ? parsed.patterns.map(escapeExtended) : parsed.patterns;
  return { flags, pattern: patterns.join(extended ? "|" : "\\|") };
}

export function grepCommand(): Command {
  return defineCommand("grep", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "grep: not available\n", exitCode: 2 };
    const parsed = parseGrepArgs(args);
    if (parsed.patterns.length === 0 && parsed.operands.length === 0 && !args.includes("--help")) {
      return { stdout: "", stderr: USAGE, exitCode: 2 };
    }
    const { A, B, C } = parsed.context;
    const context =
      C !== undefined && (A !== undefined || B !== undefined)
        ? [`-A${A ?? C}`, `-B${B ?? C}`]
        : Object.entries(parsed.context).map(([letter, value]) => `-${letter}${value}`);
    if (parsed.patterns.length < 2) {
      const patterns = parsed.patterns.flatMap((pattern) => ["-e", pattern]);
      return await original([...parsed.other, ...context, ...patterns, "--", ...parsed.operands]);
    }
    const { flags, pattern } = combinedPattern(parsed);
    return await original([...flags, ...context, "-e", pattern, "--", ...parsed.operands]);
  });
}
