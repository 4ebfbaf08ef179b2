/**
 * `cat` of a directory says so, as GNU cat does (`cat: app: Is a directory`, status 1):
 * just-bash's reports every unreadable operand as missing.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

export function catCommand(): Command {
  return defineCommand("cat", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "bash: cat: command not found\n", exitCode: 127 };
    const result = await original(args);
    if (!result.stderr.includes(": No such file or directory")) return result;
    const lines = await Promise.all(
      result.stderr.split(/(?<=\n)/).map(async (line) => {
        const missing = /^cat: (.*): No such file or directory\n$/.exec(line);
        if (!missing) return line;
        const path = ctx.fs.resolvePath(ctx.cwd, missing[1] ?? "");
        const stat = await ctx.fs.stat(path).catch(() => undefined);
        return stat?.isDirectory ? `cat: ${missing[1] ?? ""}: Is a directory\n` : line;
      }),
    );
    return { ...result, stderr: lines.join("") };
  });
}
