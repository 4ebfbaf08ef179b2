/**
 * The shell's `kubectl`: hands argv to the built-in kubectl (src/sandbox/kubectl) with the
 * session's cluster, files, terminal and Ctrl-C. When kubectl's output is the terminal (the line is
 * that one command, nothing piped or redirected), it is written as it comes, so `-w` and `-f`
 * stream and `debug -it` can print before its shell opens.
 *
 * Whether kubectl's stdin is a terminal follows bash: every command of a `;`, `&&` or `||` list
 * reads the terminal; only a pipe, a redirection or a here-document gives it other input. So
 * `kubectl run -it ...; echo "rc=$?"` attaches a real TTY (no "Unable to use a TTY" warning), and
 * `echo x | kubectl run -it ...` does not.
 */
import { decodeBytesToUtf8, defineCommand, latin1FromBytes } from "just-bash";
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
  /**
   * The session's terminal whatever the line around the command: an interactive attach (`-i`
   * with the terminal as stdin) in a `;`/`&&` list writes there as it goes, before and around
   * the container's shell, which takes the screen. Without it, such output waits for the line.
   */
  readonly screen?: ((text: string) => void) | undefined;
  signal(): AbortSignal;
  attachShell(spec: AttachSpec, io: AttachIo): Promise<number>;
  readonly openEditor: ((request: EditRequest) => Promise<string | undefined>) | undefined;
}

export function kubectlCommand(host: KubectlHost): Command {
  return defineCommand("kubectl", async (args, ctx) => {
    let stdout = "";
    let stderr = "";
    // A pipe, `<` or here-document filled stdin; the terminal leaves it empty for the command.
    const stdinIsTerminal = latin1FromBytes(ctx.stdin) === "";
    const terminal =
      host.terminal() ?? (stdinIsTerminal && attachesStdin(args) ? host.screen : undefined);
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
      stdinIsTerminal,
      signal: host.signal(),
      openEditor: host.openEditor,
      attachShell: (spec) =>
        host.attachShell(stdinIsTerminal ? spec : fedFromStdin(spec, ctx.stdin), io),
    };
    const exitCode = await host.runner(args, env);
    return { stdout, stderr, exitCode };
  });
}

/** Commands that attach kubectl's stdin to a container with -i/--stdin (before any `--`). */
const ATTACHING = new Set(["run", "exec", "debug", "attach"]);

function attachesStdin(args: readonly string[]): boolean {
  const dash = args.indexOf("--");
  const flags = dash === -1 ? args : args.slice(0, dash);
  return (
    flags.some((a) => ATTACHING.has(a)) &&
    flags.some((a) => /^-[a-zA-Z]*i[a-zA-Z]*$/.test(a) || a === "--stdin" || a === "--stdin=true")
  );
}

const SHELL = /^(?:\/(?:usr\/)?bin\/)?(?:ba)?sh$/;

/**
 * -i with stdin from a pipe or a file: the container reads that input, not the keyboard. A shell
 * runs it as its script and ends at its end (`echo 'exit 3' | kubectl run -i ...`); another
 * program, or no input, sees end-of-file at once.
 */
function fedFromStdin(
  spec: AttachSpec,
  stdin: Parameters<typeof decodeBytesToUtf8>[0],
): AttachSpec {
  const script = decodeBytesToUtf8(stdin);
  const [program = "sh", ...rest] = spec.command ?? [];
  if (script === "" || rest.length > 0 || !SHELL.test(program))
    return { ...spec, interactive: false };
  return { ...spec, command: [program, "-c", script], interactive: false };
}
