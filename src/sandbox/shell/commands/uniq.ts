/**
 * `uniq` as GNU coreutils prints it: just-bash's built-in does the work, but `-c` pads the count
 * to GNU's width (`%7lu `), which `sort | uniq -c | sort -rn` readers and column tools rely on.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

const COUNTS = /^(?:-[a-zA-Z]*c[a-zA-Z]*|--count)$/;

export function uniqCommand(): Command {
  return defineCommand("uniq", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "bash: uniq: command not found\n", exitCode: 127 };
    const result = await original(args);
    if (!args.some((arg) => COUNTS.test(arg))) return result;
    const stdout = result.stdout.replace(
      /^ *(\d+) /gm,
      (_, count: string) => `${count.padStart(7)} `,
    );
    return { ...result, stdout };
  });
}
