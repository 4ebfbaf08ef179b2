/**
 * The shell's `kubectl`: hands argv to the built-in kubectl (src/sandbox/kubectl) with the
 * session's terminal, files and Ctrl-C. When kubectl's output is the terminal (the line is that one
 * command, nothing piped or redirected), it is written as it comes, so `-w` and `-f` stream.
 */
import { defineCommand } from "just-bash";
import type { Command, IFileSystem } from "just-bash";
import type { AttachSpec } from "../attach.ts";

/** What the shell gives kubectl for one invocation. */
export interface KubectlIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A file of the session's filesystem (`-f`), relative to the working directory. */
  readFile(path: string): Promise<string>;
  readonly isTTY: boolean;
  readonly columns: number;
  readonly signal: AbortSignal;
  /** Opens an interactive shell in a container (`debug node/... -it`, `exec -it`, `run -it`). */
  attachShell(spec: AttachSpec): Promise<number>;
}

export type KubectlRunner = (argv: readonly string[], io: KubectlIo) => Promise<number>;

/** What the command needs from the session at the moment it runs. */
export interface KubectlHost {
  readonly runner: KubectlRunner | undefined;
  readonly fs: IFileSystem;
  columns(): number;
  /** Where a command attached to the terminal writes; undefined when output is piped. */
  terminal(): ((text: string) => void) | undefined;
  signal(): AbortSignal;
  attachShell(
    spec: AttachSpec,
    io: { stdout(text: string): void; stderr(text: string): void },
  ): Promise<number>;
}

export function kubectlCommand(name: string, host: KubectlHost): Command {
  return defineCommand(name, async (args, ctx) => {
    const runner = host.runner;
    if (!runner) {
      return {
        stdout: "",
        stderr: "error: kubectl is not available in this sandbox\n",
        exitCode: 1,
      };
    }
    let stdout = "";
    let stderr = "";
    const terminal = host.terminal();
    const io: KubectlIo = {
      stdout: (text) => {
        if (terminal) terminal(text);
        else stdout += text;
      },
      stderr: (text) => {
        if (terminal) terminal(text);
        else stderr += text;
      },
      readFile: async (path) => {
        const absolute = path.startsWith("/") ? path : `${ctx.cwd.replace(/\/$/, "")}/${path}`;
        return await host.fs.readFile(absolute);
      },
      isTTY: terminal !== undefined,
      columns: host.columns(),
      signal: host.signal(),
      attachShell: (spec) => host.attachShell(spec, io),
    };
    const exitCode = await runner(args, io);
    return { stdout, stderr, exitCode };
  });
}
