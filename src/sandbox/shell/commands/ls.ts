/**
 * `ls` as GNU coreutils prints it, over just-bash's listing: the long format names the session's
 * user as owner and group (just-bash writes `user user` while `whoami` says learner), gives a
 * directory two links and ext4's 4096-byte size, and marks nothing after a directory's name
 * (GNU adds `/` only with -F or -p); a missing operand is reported as
 * `ls: cannot access 'X': No such file or directory` (ls.c, "cannot access %s").
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

const CLASSIFY = /^-[a-zA-Z]*[Fp]|^--(?:classify|indicator-style|file-type)/;
const LONG_ENTRY = /^([-dlcbps][-rwxsStT]{9}) 1 user user +(\d+) (.*)$/;

export function lsCommand(): Command {
  return defineCommand("ls", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "bash: ls: command not found\n", exitCode: 127 };
    const result = await original(args);
    const owner = ctx.env.get("USER") ?? "root";
    const classify = args.some((arg) => CLASSIFY.test(arg));
    const stdout = result.stdout
      .split("\n")
      .map((line) => {
        const entry = LONG_ENTRY.exec(line);
        if (!entry) return line;
        const [, mode = "", size = "", rest = ""] = entry;
        const directory = mode.startsWith("d");
        const name = directory && !classify && rest.endsWith("/") ? rest.slice(0, -1) : rest;
        const shownSize = directory && size === "0" ? "4096" : size;
        return `${mode} ${directory ? 2 : 1} ${owner} ${owner} ${shownSize.padStart(5)} ${name}`;
      })
      .join("\n");
    const stderr = result.stderr.replace(
      /^ls: (?!cannot access )(.*): No such file or directory$/gm,
      "ls: cannot access '$1': No such file or directory",
    );
    return { ...result, stdout, stderr };
  });
}
