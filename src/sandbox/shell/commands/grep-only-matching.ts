/**
 * `grep -o` for patterns that can match the empty string (`grep -o '[0-9]*'`): just-bash's
 * built-in steps past the end of the line after an empty match and fails with its regex engine's
 * "start index out of bounds". GNU grep prints each non-empty match and skips empty ones
 * (grep.c print_line_middle: `if (len == 0) { b++; continue; }`), which this module does itself
 * over the same files and prefixes (-H/-h, -n, -b, -c, -q, -m, -i, -w, -x).
 */
import { decodeBytesToUtf8 } from "just-bash";
import type { CommandContext, ExecResult } from "just-bash";
import { extendedToJs } from "./grep-pattern.ts";

export interface OnlyMatchingRequest {
  /** Patterns as GNU EREs. */
  readonly patterns: readonly string[];
  /** Single-letter options as given (`-i`, `-n`, ...), each its own word. */
  readonly flags: readonly string[];
  readonly files: readonly string[];
}

interface Input {
  readonly name: string;
  readonly text: string | undefined;
}

async function readInputs(files: readonly string[], ctx: CommandContext): Promise<Input[]> {
  if (files.length === 0) return [{ name: "(standard input)", text: decodeBytesToUtf8(ctx.stdin) }];
  const inputs: Input[] = [];
  for (const name of files) {
    if (name === "-") {
      inputs.push({ name: "(standard input)", text: decodeBytesToUtf8(ctx.stdin) });
      continue;
    }
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    const text = await ctx.fs.readFile(path).catch(() => undefined);
    inputs.push({ name, text });
  }
  return inputs;
}

function matcher(request: OnlyMatchingRequest): RegExp {
  const has = (flag: string): boolean => request.flags.includes(flag);
  let source = request.patterns.map((pattern) => `(?:${extendedToJs(pattern)})`).join("|");
  if (has("-w")) source = `(?<!\\w)(?:${source})(?!\\w)`;
  if (has("-x")) source = `^(?:${source})$`;
  return new RegExp(source, has("-i") || has("-y") ? "gi" : "g");
}

/**
 * Non-empty matches of `regex` in `line`, leftmost first, with their offsets, and whether it
 * matched at all: a line only an empty match selects counts for `-c` and the status, unprinted.
 */
function lineMatches(
  regex: RegExp,
  line: string,
): { selected: boolean; found: { text: string; index: number }[] } {
  const found: { text: string; index: number }[] = [];
  let selected = false;
  regex.lastIndex = 0;
  for (let match = regex.exec(line); match; match = regex.exec(line)) {
    selected = true;
    if (match[0] === "") regex.lastIndex += 1;
    else found.push({ text: match[0], index: match.index });
    if (regex.lastIndex > line.length) break;
  }
  return { selected, found };
}

export async function onlyMatching(
  request: OnlyMatchingRequest,
  ctx: CommandContext,
): Promise<ExecResult> {
  const has = (flag: string): boolean => request.flags.includes(flag);
  let regex: RegExp;
  try {
    regex = matcher(request);
  } catch {
    return { stdout: "", stderr: "grep: Invalid regular expression\n", exitCode: 2 };
  }
  const maxCount = Number(request.flags.find((flag) => /^-m\d+$/.test(flag))?.slice(2) ?? "-1");
  const named = !has("-h") && (has("-H") || request.files.length > 1);
  let stdout = "";
  let stderr = "";
  let anyMatch = false;
  let missing = false;
  for (const input of await readInputs(request.files, ctx)) {
    if (input.text === undefined) {
      missing = true;
      if (!has("-s")) stderr += `grep: ${input.name}: No such file or directory\n`;
      continue;
    }
    const prefix = named ? `${input.name}:` : "";
    let matchingLines = 0;
    let offset = 0;
    const lines = input.text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    for (const [index, line] of lines.entries()) {
      if (maxCount >= 0 && matchingLines >= maxCount) break;
      const { selected, found: matches } = lineMatches(regex, line);
      if (selected) matchingLines += 1;
      if (!has("-c") && !has("-q") && !has("-v")) {
        for (const match of matches) {
          const number = has("-n") ? `${index + 1}:` : "";
          const bytes = has("-b") ? `${offset + byteLength(line.slice(0, match.index))}:` : "";
          stdout += `${prefix}${number}${bytes}${match.text}\n`;
        }
      }
      offset += byteLength(line) + 1;
    }
    if (has("-c")) stdout += `${prefix}${matchingLines}\n`;
    anyMatch ||= matchingLines > 0;
  }
  if (has("-q")) stdout = "";
  const exitCode = missing && !(has("-q") && anyMatch) ? 2 : anyMatch ? 0 : 1;
  return { stdout, stderr, exitCode };
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
