/**
 * `xargs` as GNU findutils 4.9 runs it, replacing just-bash's, which refuses attached values
 * (`-n1`) and `-I{}` and leaves state behind after a refusal. Input is split into words on blanks
 * and newlines with quotes and backslashes (or on NUL with `-0`, on one character with `-d`, or
 * into whole lines with `-I`/`-L`), and the command (echo by default) runs once per batch with an
 * empty stdin. Exit statuses are xargs.c's: 123 when a run exited 1-125, 124 when one exited 255
 * (xargs then stops), 127 when the command does not exist, 1 for bad usage.
 */
import { decodeBytesToUtf8, defineCommand } from "just-bash";
import type { Command, CommandContext, ExecResult } from "just-bash";

const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  n: "max-args",
  I: "replace",
  L: "max-lines",
  d: "delimiter",
  P: "max-procs",
  s: "max-chars",
  E: "eof",
  a: "arg-file",
};
const LONG_VALUE = new Set([
  "max-args",
  "replace",
  "max-lines",
  "delimiter",
  "max-procs",
  "max-chars",
  "eof",
  "arg-file",
]);
const FLAG_OPTIONS: Readonly<Record<string, string>> = {
  "0": "null",
  r: "no-run-if-empty",
  t: "verbose",
  x: "exit",
  p: "interactive",
};

const TRY_HELP = "Try 'xargs --help' for more information.\n";

interface XargsOptions {
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
  readonly command: string[];
}

type Parsed = XargsOptions | { readonly error: string };

function parseOptions(args: readonly string[]): Parsed {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  let index = 0;
  for (; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (arg === "--") {
      index += 1;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    if (arg.startsWith("--")) {
      const [name = "", value] = arg.slice(2).split(/=(.*)/s, 2);
      if (LONG_VALUE.has(name)) {
        const given = value ?? args[(index += 1)];
        if (given === undefined)
          return { error: `xargs: option '--${name}' requires an argument\n${TRY_HELP}` };
        values.set(name, given);
      } else if (Object.values(FLAG_OPTIONS).includes(name)) flags.add(name);
      else return { error: `xargs: unrecognized option '${arg}'\n${TRY_HELP}` };
      continue;
    }
    for (let at = 1; at < arg.length; at += 1) {
      const letter = arg[at] ?? "";
      const valueName = VALUE_OPTIONS[letter];
      if (valueName !== undefined) {
        // -I and -L take their value attached or as the next word, as getopt's "I:" does.
        const given = at + 1 < arg.length ? arg.slice(at + 1) : args[(index += 1)];
        if (given === undefined) {
          return { error: `xargs: option requires an argument -- '${letter}'\n${TRY_HELP}` };
        }
        values.set(valueName, given);
        break;
      }
      const flagName = FLAG_OPTIONS[letter];
      if (flagName === undefined)
        return { error: `xargs: invalid option -- '${letter}'\n${TRY_HELP}` };
      flags.add(flagName);
    }
  }
  const command = args.slice(index);
  return { values, flags, command: command.length > 0 ? command : ["echo"] };
}

/** Words as xargs's default reader splits them: blanks and newlines, quotes, backslashes. */
function splitWords(input: string): string[] | { error: string } {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let at = 0; at < input.length; at += 1) {
    const char = input[at] ?? "";
    if (char === "'" || char === '"') {
      const close = input.indexOf(char, at + 1);
      const newline = input.indexOf("\n", at + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        const kind = char === "'" ? "single" : "double";
        return {
          error: `xargs: unmatched ${kind} quote; by default quotes are special to xargs unless you use the -0 option\n`,
        };
      }
      word += input.slice(at + 1, close);
      inWord = true;
      at = close;
    } else if (char === "\\" && at + 1 < input.length) {
      word += input[at + 1] ?? "";
      inWord = true;
      at += 1;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A positive count option (`-n`, `-L`), or an error in GNU's words. */
function count(options: XargsOptions, name: string, letter: string): number | { error: string } {
  const value = options.values.get(name);
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value)) {
    return { error: `xargs: invalid number "${value}" for -${letter} option\n${TRY_HELP}` };
  }
  const number = Number(value);
  if (number < 1)
    return { error: `xargs: value ${value} for -${letter} option should be >= 1\n${TRY_HELP}` };
  return number;
}

const quote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/** The runs to make: each a full argument vector. */
function batches(options: XargsOptions, input: string): string[][] | { error: string } {
  const replace = options.values.get("replace");
  const delimiter = options.values.get("delimiter");
  if (replace !== undefined) {
    const lines = input.split("\n").map((line) => line.replace(/^[ \t]+/, ""));
    if (lines.at(-1) === "") lines.pop();
    return lines
      .filter((line) => line !== "")
      .map((line) => options.command.map((word) => word.replaceAll(replace, line)));
  }
  let items: string[];
  if (options.flags.has("null") || delimiter !== undefined) {
    const separator = options.flags.has("null") ? "\0" : unescapeDelimiter(delimiter ?? "");
    items = input.split(separator);
    if (items.at(-1) === "") items.pop();
  } else {
    const words = splitWords(input);
    if (!Array.isArray(words)) return words;
    items = words;
  }
  const eof = options.values.get("eof");
  if (eof !== undefined) {
    const end = items.indexOf(eof);
    if (end >= 0) items = items.slice(0, end);
  }
  const maxArgs = count(options, "max-args", "n");
  if (typeof maxArgs !== "number") return maxArgs;
  const maxLines = count(options, "max-lines", "L");
  if (typeof maxLines !== "number") return maxLines;
  if (maxLines > 0 && maxArgs === 0) return linesOf(options, input, maxLines);
  const size = maxArgs > 0 ? maxArgs : Math.max(items.length, 1);
  const runs: string[][] = [];
  for (let at = 0; at < items.length; at += size) {
    runs.push([...options.command, ...items.slice(at, at + size)]);
  }
  if (runs.length === 0 && !options.flags.has("no-run-if-empty")) runs.push([...options.command]);
  return runs;
}

/** `-L N`: N non-blank input lines per run, each split into words. */
function linesOf(
  options: XargsOptions,
  input: string,
  perRun: number,
): string[][] | { error: string } {
  const lines = input.split("\n").filter((line) => line.trim() !== "");
  const runs: string[][] = [];
  for (let at = 0; at < lines.length; at += perRun) {
    const words = splitWords(lines.slice(at, at + perRun).join("\n"));
    if (!Array.isArray(words)) return words;
    runs.push([...options.command, ...words]);
  }
  return runs;
}

function unescapeDelimiter(delimiter: string): string {
  const escapes: Readonly<Record<string, string>> = { "\\n": "\n", "\\t": "\t", "\\0": "\0" };
  return escapes[delimiter] ?? delimiter.slice(0, 1);
}

async function run(argv: readonly string[], ctx: CommandContext): Promise<ExecResult> {
  const exec = ctx.exec;
  if (!exec) return { stdout: "", stderr: "xargs: cannot run commands here\n", exitCode: 126 };
  const options = ctx.signal
    ? { cwd: ctx.cwd, stdin: "", signal: ctx.signal }
    : { cwd: ctx.cwd, stdin: "" };
  return await exec(argv.map(quote).join(" "), options);
}

export function xargsCommand(): Command {
  return defineCommand("xargs", async (args, ctx) => {
    const options = parseOptions(args);
    if ("error" in options) return { stdout: "", stderr: options.error, exitCode: 1 };
    const runs = batches(options, decodeBytesToUtf8(ctx.stdin));
    if ("error" in runs) return { stdout: "", stderr: runs.error, exitCode: 1 };
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    for (const argv of runs) {
      if (options.flags.has("verbose")) stderr += `${argv.join(" ")}\n`;
      const result = await run(argv, ctx);
      const name = argv[0] ?? "";
      // The interpreter reports a missing command on the output it hands back; xargs execvp()s
      // the program itself and reports the failure in its own words.
      const notFound = `bash: ${name}: command not found\n`;
      if (result.exitCode === 127 && `${result.stdout}${result.stderr}`.includes(notFound)) {
        return {
          stdout,
          stderr: `${stderr}xargs: ${name}: No such file or directory\n`,
          exitCode: 127,
        };
      }
      stdout += result.stdout;
      stderr += result.stderr;
      if (result.exitCode === 255) {
        stderr += `xargs: ${name}: exited with status 255; aborting\n`;
        return { stdout, stderr, exitCode: 124 };
      }
      if (result.exitCode !== 0) exitCode = 123;
    }
    return { stdout, stderr, exitCode };
  });
}
