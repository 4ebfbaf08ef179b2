/**
 * `wc` in GNU coreutils' columns (wc.c compute_number_width): one count of one input is printed
 * bare; otherwise every count is right-aligned to the digits of the inputs' total size, and to at
 * least 7 when an input is not a regular file (a pipe): `printf 'one two\nthree\n' | wc` gives
 * `      2       3      14`. just-bash's built-in counts; this module lays the counts out.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

const PIPE_WIDTH = 7;

export function wcCommand(): Command {
  return defineCommand("wc", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "bash: wc: command not found\n", exitCode: 127 };
    const result = await original(args);
    const files = args.filter((arg) => arg === "-" || !arg.startsWith("-"));
    const rows = result.stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => /^\s*((?:\d+\s+)*\d+)(?:\s(.*))?$/.exec(line));
    if (rows.some((row) => row === null)) return result;
    const parsed = rows.map((row) => ({
      counts: (row?.[1] ?? "").split(/\s+/),
      name: row?.[2],
    }));
    const single = parsed.length === 1 && (parsed[0]?.counts.length ?? 0) === 1;
    let width = 1;
    if (!single) {
      let total = 0;
      for (const file of files) {
        if (file === "-") continue;
        const stat = await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, file)).catch(() => undefined);
        total += stat?.size ?? 0;
      }
      width = String(total).length;
      if (files.length === 0 || files.includes("-")) width = Math.max(width, PIPE_WIDTH);
    }
    const stdout = parsed
      .map(({ counts, name }) => {
        const columns = counts.map((count) => count.padStart(width)).join(" ");
        return name === undefined ? `${columns}\n` : `${columns} ${name}\n`;
      })
      .join("");
    return { ...result, stdout };
  });
}
