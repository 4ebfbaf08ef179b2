/**
 * The shell's `kubectl`: hands argv to the built-in kubectl (src/sandbox/kubectl) with the
 * session's cluster, files, terminal and Ctrl-C. When kubectl's output is the terminal (the line is
 * that one command, nothing piped or redirected), it is written as it comes, so `-w` and `-f`
 * stream and `debug -it` can print before its shell opens.
 */
import { defineCommand } from "just-bash";
import type { Command, IFileSystem } from "just-bash";
import type { AttachSpec, EditRequest, KubectlIo } from "../../kubectl/index.ts";

/** kubectl bound to a cluster (src/sandbox/kubectl's createKubectlRunner). */
export type KubectlRunner = (argv: readonly string[], io: KubectlIo) => Promise<number>;

/** Where an attached container's output goes when it is not the terminal. */
export interface AttachIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** What the command needs from the session at the moment it runs. */
export interface KubectlHost {
  readonly runner: KubectlRunner;
  readonly fs: IFileSystem;
  columns(): number;
  /** Where a command attached to the terminal writes; undefined when output is piped. */
  terminal(): ((text: string) => void) | undefined;
  signal(): AbortSignal;
  attachShell(spec: AttachSpec, io: AttachIo): Promise<number>;
  readonly openEditor: ((request: EditRequest) => Promise<string | undefined>) | undefined;
}

export function kubectlCommand(host: KubectlHost): Command {
  return defineCommand("kubectl", async (args, ctx) => {
    let stdout = "";
    let stderr = "";
    const terminal = host.terminal();
    const resolve = (path: string): string =>
      path.startsWith("/") ? path : `${ctx.cwd.replace(/\/$/, "")}/${path}`;
    const io: AttachIo = {
      stdout: (text) => {
        if (terminal) terminal(text);
        else stdout += text;
      },
      stderr: (text) => {
        if (terminal) terminal(text);
        else stderr += text;
      },
    };
    const env: KubectlIo = {
      stdout: (text) => io.stdout(text),
      stderr: (text) => io.stderr(text),
      readFile: async (path) => {
        const absolute = resolve(path);
        if (!(await host.fs.exists(absolute))) return undefined;
        return await host.fs.readFile(absolute);
      },
      readDirectory: async (path) => {
        const absolute = resolve(path);
        if (!(await host.fs.exists(absolute))) return undefined;
        if (!(await host.fs.stat(absolute)).isDirectory) return undefined;
        const names: string[] = [];
        for (const name of (await host.fs.readdir(absolute)).sort()) {
          const entry = await host.fs.stat(`${absolute.replace(/\/$/, "")}/${name}`);
          if (entry.isFile && !entry.isSymbolicLink) names.push(name);
        }
        return names;
      },
      columns: host.columns(),
      isTTY: terminal !== undefined,
      signal: host.signal(),
      openEditor: host.openEditor,
      attachShell: (spec) => host.attachShell(spec, io),
    };
    const exitCode = await host.runner(args, env);
    return { stdout, stderr, exitCode };
  });
}
