/**
 * GNU grep's option rules over just-bash's grep, which keeps only the last `-e` pattern and lets a
 * later `-C` override an explicit `-A`/`-B`. GNU grep matches any of several `-e` patterns, and an
 * explicit `-A N` or `-B N` wins over `-C`/`-NUM` whatever the order (`grep -B1 -C0` shows one
 * line before). Options are handed on one per word, which also gives the built-in combined short
 * options with a value (`-inA1`) that it does not read itself.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";
import { onlyMatching } from "./grep-only-matching.ts";
import { basicToExtended } from "./grep-pattern.ts";

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

/** Options that choose a pattern dialect other than GNU's basic one. */
const NOT_BASIC = new Set([
  "-E",
  "-F",
  "-P",
  "--extended-regexp",
  "--fixed-strings",
  "--perl-regexp",
]);

/**
 * GNU's BRE read as the ERE it means (`\+`, `\?`, `\|`), since just-bash's BRE reader lacks the
 * GNU extensions; patterns from a file (`-f`) are left to the built-in.
 */
function inExtendedDialect(parsed: GrepArgs): GrepArgs {
  const basic = !parsed.other.some((flag) => NOT_BASIC.has(flag) || flag.startsWith("-f"));
  if (!basic) return parsed;
  return {
    ...parsed,
    other: [...parsed.other.filter((flag) => flag !== "-G" && flag !== "--basic-regexp"), "-E"],
    patterns: parsed.patterns.map(basicToExtended),
  };
}

/**
 * `-o` over plain files or stdin is done here (see grep-only-matching.ts): the built-in fails on
 * patterns that can match empty and lacks `-b`; recursion and file lists stay with it.
 */
function ownsOnlyMatching(flags: readonly string[]): boolean {
  const only = flags.includes("-o") || flags.includes("--only-matching");
  const delegated = ["-r", "-R", "-l", "-L", "-v", "-z"];
  return only && !flags.some((flag) => delegated.includes(flag) || flag.startsWith("--"));
}

/**
 * `-H` (file names even for one file), which the built-in lacks: with one file operand the lines
 * are numbered (`N:` for a match, `N-` for context) to tell them apart, and named here.
 */
const WITH_FILENAME = new Set(["-H", "--with-filename"]);
const UNNAMED_OUTPUT = [
  "-l",
  "-L",
  "-q",
  "--files-with-matches",
  "--files-without-match",
  "--quiet",
];

function namedLines(stdout: string, file: string, flags: readonly string[]): string {
  if (flags.includes("-c") || flags.includes("--count")) return stdout && `${file}:${stdout}`;
  const numbered = flags.includes("-n") || flags.includes("--line-number");
  return stdout.replace(
    /^(\d+)([:-])(.*)$/gm,
    (_, number: string, separator: string, rest: string) =>
      `${file}${separator}${numbered ? `${number}${separator}` : ""}${rest}`,
  );
}

export function grepCommand(): Command {
  return defineCommand("grep", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "grep: not available\n", exitCode: 2 };
    const given = parseGrepArgs(args);
    if (given.patterns.length === 0 && given.operands.length === 0 && !args.includes("--help")) {
      return { stdout: "", stderr: USAGE, exitCode: 2 };
    }
    const fromFile = given.other.some((flag) => flag.startsWith("-f"));
    const explicit =
      given.patterns.length > 0 || fromFile
        ? given
        : { ...given, patterns: given.operands.slice(0, 1), operands: given.operands.slice(1) };
    const parsed = inExtendedDialect(explicit);
    const withFilename = parsed.other.some((flag) => WITH_FILENAME.has(flag));
    const other = parsed.other.filter((flag) => !WITH_FILENAME.has(flag));
    const nameOne =
      withFilename &&
      parsed.operands.length === 1 &&
      !other.some((flag) => flag === "-h" || UNNAMED_OUTPUT.includes(flag));
    const { A, B, C } = parsed.context;
    const context =
      C !== undefined && (A !== undefined || B !== undefined)
        ? [`-A${A ?? C}`, `-B${B ?? C}`]
        : Object.entries(parsed.context).map(([letter, value]) => `-${letter}${value}`);
    const { flags, pattern } = combinedPattern({ ...parsed, other });
    const patterns = parsed.patterns.length === 0 ? [] : ["-e", pattern];
    if (ownsOnlyMatching(parsed.other)) {
      const files = parsed.operands;
      return await onlyMatching({ patterns: [pattern], flags: parsed.other, files }, ctx);
    }
    const numbering = nameOne ? ["-n"] : [];
    const result = await original([
      ...flags,
      ...numbering,
      ...context,
      ...patterns,
      "--",
      ...parsed.operands,
    ]);
    if (!nameOne) return result;
    return { ...result, stdout: namedLines(result.stdout, parsed.operands[0] ?? "", other) };
  });
}
