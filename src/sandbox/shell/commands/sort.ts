/**
 * GNU `sort` with its common options (-r -u -n -f, -t SEP, -k N[,M] with n/r/f per key) in the
 * locale's collation: under C/POSIX (the ubuntu debug image and the nodes set no LANG) and
 * C.UTF-8 lines compare byte by byte (`A B _x a b`); under the workstation's en_US.UTF-8 they
 * compare as glibc's strcoll (collation.ts: `_x a A b B`, `node-10 NODE-2 node-3`), which
 * just-bash's built-in sort (ICU-like) does not. Other options go to the built-in sort.
 */
import { decodeBytesToUtf8, defineCommand } from "just-bash";
import type { Command } from "just-bash";
import { glibcCollate } from "./collation.ts";

type Collate = (a: string, b: string) => number;

const byteOrder: Collate = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

interface Key {
  readonly start: number;
  readonly end: number | undefined;
  readonly numeric: boolean;
  readonly reverse: boolean;
  readonly fold: boolean;
}

interface SortOptions {
  readonly keys: Key[];
  numeric: boolean;
  reverse: boolean;
  fold: boolean;
  unique: boolean;
  separator: string | undefined;
  readonly files: string[];
}

/** Byte-order collation: glibc's C locale, and C.UTF-8 (code point order). */
function collatesByByte(env: ReadonlyMap<string, string>): boolean {
  const locale = env.get("LC_ALL") || env.get("LC_COLLATE") || env.get("LANG") || "C";
  return /^(?:C|POSIX)(?:\.utf-?8)?$/i.test(locale);
}

/** The options this sort does itself, or undefined when the line needs the built-in. */
function parseOptions(args: readonly string[]): SortOptions | undefined {
  const options: SortOptions = {
    keys: [],
    numeric: false,
    reverse: false,
    fold: false,
    unique: false,
    separator: undefined,
    files: [],
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (arg === "--" || !arg.startsWith("-") || arg === "-") {
      options.files.push(...(arg === "--" ? args.slice(index + 1) : [arg]));
      if (arg === "--") break;
      continue;
    }
    if (arg.startsWith("--")) return undefined;
    for (let at = 1; at < arg.length; at += 1) {
      const letter = arg[at];
      if (letter === "r") options.reverse = true;
      else if (letter === "n") options.numeric = true;
      else if (letter === "f") options.fold = true;
      else if (letter === "u") options.unique = true;
      else if (letter === "t" || letter === "k") {
        const value = at + 1 < arg.length ? arg.slice(at + 1) : args[(index += 1)];
        if (value === undefined) return undefined;
        if (letter === "t") options.separator = value;
        else {
          const key = parseKey(value);
          if (!key) return undefined;
          options.keys.push(key);
        }
        break;
      } else return undefined;
    }
  }
  return options;
}

function parseKey(spec: string): Key | undefined {
  const match = /^(\d+)([nrf]*)(?:,(\d+)([nrf]*))?$/.exec(spec);
  if (!match) return undefined;
  const flags = `${match[2] ?? ""}${match[4] ?? ""}`;
  return {
    start: Number(match[1]),
    end: match[3] === undefined ? undefined : Number(match[3]),
    numeric: flags.includes("n"),
    reverse: flags.includes("r"),
    fold: flags.includes("f"),
  };
}

/** Start offsets of the fields: after SEP, or (by default) where a blank run begins. */
function fieldStarts(line: string, separator: string | undefined): number[] {
  const starts = [0];
  for (let index = 0; index < line.length; index += 1) {
    if (separator !== undefined) {
      if (line[index] === separator) starts.push(index + 1);
    } else if (/[ \t]/.test(line[index] ?? "") && !/[ \t]/.test(line[index - 1] ?? " ")) {
      starts.push(index);
    }
  }
  return starts;
}

function keyText(line: string, key: Key, separator: string | undefined): string {
  const starts = fieldStarts(line, separator);
  const from = starts[key.start - 1] ?? line.length;
  if (key.end === undefined) return line.slice(from);
  const next = starts[key.end];
  const to = next === undefined ? line.length : next - (separator === undefined ? 0 : 1);
  return line.slice(from, Math.max(from, to));
}

/** GNU's -n: leading blanks, an optional minus, digits and one decimal point; else 0. */
function numericValue(text: string): number {
  const match = /^[ \t]*(-?(?:\d+\.?\d*|\.\d+))/.exec(text);
  return match ? Number(match[1]) : 0;
}

function compareText(
  a: string,
  b: string,
  numeric: boolean,
  fold: boolean,
  collate: Collate,
): number {
  if (numeric) return Math.sign(numericValue(a) - numericValue(b));
  return fold ? collate(a.toUpperCase(), b.toUpperCase()) : collate(a, b);
}

function comparator(options: SortOptions, collate: Collate): (a: string, b: string) => number {
  const keys: Key[] =
    options.keys.length > 0
      ? options.keys.map((key) => ({
          ...key,
          numeric: key.numeric || options.numeric,
          fold: key.fold || options.fold,
          reverse: key.reverse !== options.reverse,
        }))
      : [
          {
            start: 1,
            end: undefined,
            numeric: options.numeric,
            reverse: options.reverse,
            fold: options.fold,
          },
        ];
  return (a, b) => {
    for (const key of keys) {
      const order = compareText(
        keyText(a, key, options.separator),
        keyText(b, key, options.separator),
        key.numeric,
        key.fold,
        collate,
      );
      if (order !== 0) return key.reverse ? -order : order;
    }
    if (options.unique) return 0;
    // GNU's last resort: the whole lines in the locale's collation, reversed with -r.
    const order = collate(a, b);
    return options.reverse ? -order : order;
  };
}

export function sortCommand(): Command {
  return defineCommand("sort", async (args, ctx) => {
    const options = parseOptions(args);
    if (!options) {
      if (ctx.origCommand) return await ctx.origCommand(args);
      return { stdout: "", stderr: "sort: not available\n", exitCode: 2 };
    }
    let input = "";
    if (options.files.length === 0 || options.files.every((file) => file === "-")) {
      input = decodeBytesToUtf8(ctx.stdin);
    } else {
      for (const file of options.files) {
        const path = file.startsWith("/") ? file : `${ctx.cwd.replace(/\/$/, "")}/${file}`;
        if (file === "-") input += decodeBytesToUtf8(ctx.stdin);
        else if (await ctx.fs.exists(path)) input += await ctx.fs.readFile(path);
        else {
          return {
            stdout: "",
            stderr: `sort: cannot read: ${file}: No such file or directory\n`,
            exitCode: 2,
          };
        }
        if (!input.endsWith("\n") && input !== "") input += "\n";
      }
    }
    const lines = input.split("\n");
    if (lines.at(-1) === "") lines.pop();
    const compare = comparator(options, collatesByByte(ctx.env) ? byteOrder : glibcCollate);
    const sorted = lines.map((line, index) => ({ line, index }));
    sorted.sort((a, b) => compare(a.line, b.line) || a.index - b.index);
    const output = options.unique
      ? sorted.filter(
          (entry, at) => at === 0 || compare(sorted[at - 1]?.line ?? "", entry.line) !== 0,
        )
      : sorted;
    return {
      stdout: output.map((entry) => `${entry.line}\n`).join(""),
      stderr: "",
      exitCode: 0,
    };
  });
}
