/**
 * `vi`, `vim` and `nano` on the learner's workstation: the file goes to the browser's editor pane
 * (the same hook `kubectl edit` uses) and what is saved there is written back, creating the file
 * if it is new, as saving in vi would. A terminal without the pane (`npm run sandbox`) has no
 * full-screen editor, so the command says how to change a file instead.
 */
import { defineCommand } from "just-bash";
import type { Command, IFileSystem } from "just-bash";
import type { EditRequest } from "../../kubectl/index.ts";

const EDITOR_NAMES = ["vi", "vim", "nano"] as const;

type OpenEditor = (request: EditRequest) => Promise<string | undefined>;

function absolute(path: string, cwd: string): string {
  return path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path}`;
}

function noEditorLine(name: string): string {
  return `${name}: this terminal cannot open an editor; change a file with cat > FILE <<'EOF' (end with a line EOF), or open it in the browser terminal's editor tab\n`;
}

/** Why a path cannot be edited and saved, or undefined when it can. */
async function refusal(name: string, fs: IFileSystem, file: string, path: string) {
  if ((await fs.exists(path)) && (await fs.stat(path)).isDirectory) {
    return `${name}: "${file}" is a directory\n`;
  }
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  if (!(await fs.exists(dir)) || !(await fs.stat(dir)).isDirectory) {
    return `${name}: cannot write "${file}": directory ${dir} does not exist\n`;
  }
  return undefined;
}

function editorCommand(name: string, openEditor: OpenEditor | undefined): Command {
  return defineCommand(name, async (args, ctx) => {
    if (!openEditor) return { stdout: "", stderr: noEditorLine(name), exitCode: 1 };
    // Options (-R, +LINE, -w) change nothing here, except that read-only never writes back.
    const readOnly = args.includes("-R") || args.includes("-v");
    const files = args.filter((arg) => !/^[-+]/.test(arg));
    if (files.length === 0) {
      return { stdout: "", stderr: `${name}: name the file to edit: ${name} FILE\n`, exitCode: 1 };
    }
    // Several files are edited one after the other, as vi's :next would.
    for (const file of files) {
      const path = absolute(file, ctx.cwd);
      const refused = await refusal(name, ctx.fs, file, path);
      if (refused !== undefined) return { stdout: "", stderr: refused, exitCode: 1 };
      const content = (await ctx.fs.exists(path)) ? await ctx.fs.readFile(path) : "";
      const saved = await openEditor({ fileName: path, content });
      if (saved !== undefined && !readOnly) await ctx.fs.writeFile(path, saved);
    }
    return { stdout: "", stderr: "", exitCode: 0 };
  });
}

/** The editors of the workstation, all on the same pane. */
export function editorCommands(openEditor: OpenEditor | undefined): Command[] {
  return EDITOR_NAMES.map((name) => editorCommand(name, openEditor));
}
