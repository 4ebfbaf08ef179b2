/**
 * `ls` as GNU coreutils prints it, over just-bash's listing: the long format names the session's
 * user as owner and group (just-bash writes `user user` while `whoami` says learner), gives a
 * directory two links and ext4's 4096-byte size, marks nothing after a directory's name (GNU adds
 * `/` only with -F or -p), and dates each entry from its stat in UTC against the session's clock
 * (just-bash formats in the host's time zone against the host's clock, and dates `.` and `..`
 * 1 Jan). A missing operand is `ls: cannot access 'X': No such file or directory` (ls.c).
 */
import { defineCommand } from "just-bash";
import type { Command, CommandContext } from "just-bash";

const CLASSIFY = /^-[a-zA-Z]*[Fp]|^--(?:classify|indicator-style|file-type)/;
const LONG_ENTRY =
  /^([-dlcbps][-rwxsStT]{9}) 1 user user +(\d+) ([A-Z][a-z]{2} [ \d]\d (?:[ \d]\d:\d\d| \d{4})) (.*)$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** GNU shows the year instead of the time for files more than six months from now (ls.c). */
const SIX_MONTHS_MS = (365.2425 / 2) * 86_400_000;

function formatTime(ms: number, now: number): string {
  const date = new Date(ms);
  const day = String(date.getUTCDate()).padStart(2, " ");
  const month = MONTHS[date.getUTCMonth()] ?? "";
  if (Math.abs(now - ms) > SIX_MONTHS_MS) return `${month} ${day}  ${date.getUTCFullYear()}`;
  const time = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  return `${month} ${day} ${time}`;
}

/** The directory whose entries the listing names, as ls prints them (operand or `dir:` header). */
function listedDirectory(args: readonly string[], isDirectory: boolean): string | undefined {
  const operands = args.filter((arg) => !arg.startsWith("-") || arg === "-");
  if (args.some((arg) => /^-[a-zA-Z]*d/.test(arg))) return undefined;
  return operands.length === 1 && isDirectory
    ? operands[0]
    : operands.length === 0
      ? "."
      : undefined;
}

async function entryTime(
  ctx: CommandContext,
  base: string | undefined,
  name: string,
): Promise<number | undefined> {
  const path = base === undefined ? name : name === "." ? base : `${base}/${name}`;
  const resolved = ctx.fs.resolvePath(ctx.cwd, path);
  const stat = await ctx.fs.lstat(resolved).catch(() => undefined);
  return stat?.mtime.getTime();
}

export function lsCommand(now: () => number): Command {
  return defineCommand("ls", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "bash: ls: command not found\n", exitCode: 127 };
    const result = await original(args);
    const owner = ctx.env.get("USER") ?? "root";
    const classify = args.some((arg) => CLASSIFY.test(arg));
    const operands = args.filter((arg) => !arg.startsWith("-") || arg === "-");
    const only = operands[0];
    const onlyIsDirectory =
      only !== undefined &&
      ((await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, only)).catch(() => undefined))?.isDirectory ??
        false);
    let base = listedDirectory(args, onlyIsDirectory);
    const lines: string[] = [];
    for (const line of result.stdout.split("\n")) {
      const header = /^(.+):$/.exec(line);
      // Several operands: a `dir:` header opens a directory's entries, a blank line ends them.
      if (operands.length > 1 && header) base = header[1];
      if (operands.length > 1 && line === "") base = undefined;
      const entry = LONG_ENTRY.exec(line);
      if (!entry) {
        lines.push(line);
        continue;
      }
      const [, mode = "", size = "", shownTime = "", rest = ""] = entry;
      const directory = mode.startsWith("d");
      const name = directory && !classify && rest.endsWith("/") ? rest.slice(0, -1) : rest;
      const path = mode.startsWith("l")
        ? name.replace(/ -> .*$/, "")
        : name.replace(/[/*@|=]$/, "");
      const ms = await entryTime(ctx, base, path);
      const time = ms === undefined ? shownTime : formatTime(ms, now());
      const shownSize = directory && size === "0" ? "4096" : size;
      lines.push(
        `${mode} ${directory ? 2 : 1} ${owner} ${owner} ${shownSize.padStart(5)} ${time} ${name}`,
      );
    }
    const stderr = result.stderr.replace(
      /^ls: (?!cannot access )(.*): No such file or directory$/gm,
      "ls: cannot access '$1': No such file or directory",
    );
    return { ...result, stdout: lines.join("\n"), stderr };
  });
}
