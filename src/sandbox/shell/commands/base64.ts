/**
 * `base64 -d` refusing bad input as GNU coreutils does: it writes the bytes decoded before the
 * first bad 4-character quantum (newlines aside), then
 * `base64: invalid input` with status 1. just-bash's decoder skips such characters and exits 0,
 * so a mangled token looked decoded (and it stopped at the first padding). Encoding and
 * `--ignore-garbage` stay with the built-in.
 */
import { bytesOutput, decodeBytesToUtf8, defineCommand, unsafeBytesFromLatin1 } from "just-bash";
import type { Command } from "just-bash";

const DECODE = /^-[a-zA-Z]*d[a-zA-Z]*$|^--decode$/;
const IGNORE_GARBAGE = /^-[a-zA-Z]*i[a-zA-Z]*$|^--ignore-garbage$/;

const QUANTUM = /^(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

/**
 * Decodes 4-character quanta as coreutils' base64_decode_ctx does (padding may end any quantum,
 * so `aGk=aGk=` is `hihi`); stops at the first bad quantum, keeping the bytes its leading
 * alphabet characters give.
 */
function decodeQuanta(text: string): { bytes: string; valid: boolean } {
  let bytes = "";
  for (let at = 0; at < text.length; at += 4) {
    const quantum = text.slice(at, at + 4);
    if (QUANTUM.test(quantum)) {
      bytes += atob(quantum);
      continue;
    }
    const leading = /^[A-Za-z0-9+/]*/.exec(quantum)?.[0] ?? "";
    if (leading.length >= 2) bytes += atob(leading);
    return { bytes, valid: false };
  }
  return { bytes, valid: true };
}

export function base64Command(): Command {
  return defineCommand("base64", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original)
      return { stdout: "", stderr: "bash: base64: command not found\n", exitCode: 127 };
    const files = args.filter((arg) => !arg.startsWith("-") || arg === "-");
    if (!args.some((arg) => DECODE.test(arg)) || args.some((arg) => IGNORE_GARBAGE.test(arg))) {
      return await original(args);
    }
    if (files.length > 1) return await original(args);
    const file = files[0];
    let input: string;
    if (file === undefined || file === "-") input = decodeBytesToUtf8(ctx.stdin);
    else {
      const read = await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, file)).catch(() => undefined);
      if (read === undefined) return await original(args);
      input = read;
    }
    const { bytes, valid } = decodeQuanta(input.replaceAll("\n", ""));
    if (valid) return { ...bytesOutput(unsafeBytesFromLatin1(bytes)), stderr: "", exitCode: 0 };
    return {
      ...bytesOutput(unsafeBytesFromLatin1(bytes)),
      stderr: "base64: invalid input\n",
      exitCode: 1,
    };
  });
}
