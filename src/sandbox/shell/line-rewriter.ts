/**
 * Carries bash state that just-bash does not keep between `exec()` calls, by rewriting each
 * parsed line before it runs:
 * - aliases: bash expands an alias when its name is the first word of a simple command, with the
 *   alias text re-read as words (`alias kgp='kubectl get pods'`);
 * - `$?`: the status of the previous line, restored by running `(exit N)` first;
 * - shell functions and options: a function defined at the top level of a line (`f() { ...; }`)
 *   and `set -o` / `shopt -s` options changed by a line stay for the lines after it, as in an
 *   interactive bash; they are re-declared before each line (`unset -f f` forgets a function);
 * - `$RANDOM`: bash's is seedable; here each expansion takes the next number of the session's
 *   seeded generator, so a replayed session prints the same numbers;
 * - the end of the line: a last command, LINE_END_COMMAND "$?", runs only when the line was not
 *   cut short (by `set -e` or `exit`) and hands its status on unchanged;
 * - one terminal: just-bash returns stdout and stderr separately, while on a terminal both reach
 *   the screen in the order written. The last command of each top-level pipeline gets a `2>&1`
 *   placed before its own redirections, which keeps the order between commands and leaves the
 *   learner's redirections meaning what they mean in bash (`cmd 2>&1 >file` still sends errors to
 *   the screen, `cmd 2>&1 2>/dev/null` still discards them).
 */
import { parse } from "just-bash";
import type { ScriptNode, TransformPlugin, TransformResult, WordNode } from "just-bash";

type RedirectionNode = NonNullable<
  ReturnType<typeof parse>["statements"][number]["pipelines"][number]["commands"][number] & {
    type: "SimpleCommand";
  }
>["redirections"][number];

type StatementNode = ScriptNode["statements"][number];

export interface RewriteState {
  aliases: ReadonlyMap<string, string>;
  lastStatus: number;
  random: () => number;
  /** Lines that restore the shell options earlier lines changed (`set -o pipefail`). */
  options: readonly string[];
  /** A POSIX shell (dash): `[[` is no keyword there but a command it cannot find. */
  posixShell?: boolean;
  /** Merge each pipeline's stderr into stdout (one terminal); off when the shell orders them. */
  mergeStderr?: boolean;
}

/** The command the rewriter appends to every line; the shell defines it. */
export const LINE_END_COMMAND = "__sandbox_line_end";

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null;
}

function literalWord(word: unknown): string | undefined {
  if (!isNode(word) || word["type"] !== "Word" || !Array.isArray(word["parts"])) return undefined;
  const parts = word["parts"] as unknown[];
  const [only] = parts;
  if (parts.length !== 1 || !isNode(only) || only["type"] !== "Literal") return undefined;
  const value = only["value"];
  return typeof value === "string" ? value : undefined;
}

/** The first simple command of an alias's text, as name and leading arguments. */
function aliasWords(text: string): { name: WordNode; args: WordNode[] } | undefined {
  try {
    const command = parse(text).statements[0]?.pipelines[0]?.commands[0];
    if (command?.type !== "SimpleCommand" || command.name === null) return undefined;
    return { name: command.name, args: command.args };
  } catch {
    return undefined;
  }
}

/** `[[` as a plain command name: what a POSIX shell runs for `[[ ... ]]`. */
function missingConditional(): Node {
  const command = parse("'[['").statements[0]?.pipelines[0]?.commands[0];
  if (command?.type !== "SimpleCommand") throw new Error("just-bash no longer parses a command");
  return { ...command };
}

function stderrToStdout(): RedirectionNode {
  const command = parse(": 2>&1").statements[0]?.pipelines[0]?.commands[0];
  const redirection = command?.type === "SimpleCommand" ? command.redirections[0] : undefined;
  if (!redirection) throw new Error("just-bash no longer parses `2>&1` as a redirection");
  return redirection;
}

export class LineRewriter implements TransformPlugin {
  readonly name = "sandbox-line-rewriter";
  state: RewriteState = { aliases: new Map(), lastStatus: 0, random: () => 0, options: [] };
  /** Functions defined by earlier lines, by name, as their defining statements. */
  readonly #functions = new Map<string, StatementNode>();

  transform(context: { ast: ScriptNode; metadata: Record<string, unknown> }): TransformResult {
    const { ast } = context;
    this.#walk(ast, 0);
    for (const statement of this.state.mergeStderr === false ? [] : ast.statements) {
      for (const pipeline of statement.pipelines) {
        const last = pipeline.commands.at(-1);
        if (last && last.type !== "FunctionDef") last.redirections.unshift(stderrToStdout());
      }
    }
    const preamble = [
      ...this.state.options.flatMap((line) => parse(line).statements),
      ...[...this.#functions.values()].map((statement) => structuredClone(statement)),
      // Last, as `set` would reset it: `$?` of the previous line. A failure on the left of `&&`
      // does not trip `set -e`, so restoring a failed status never ends the shell.
      ...(this.state.lastStatus === 0
        ? []
        : parse(`(exit ${this.state.lastStatus}) && :`).statements),
    ];
    this.#rememberFunctions(ast);
    ast.statements.unshift(...preamble);
    ast.statements.push(...parse(`${LINE_END_COMMAND} "$?"`).statements);
    return { ast };
  }

  /** A new shell starts with no functions. */
  forgetFunctions(): void {
    this.#functions.clear();
  }

  /** Whether earlier lines defined a function of this name. */
  definesFunction(name: string): boolean {
    return this.#functions.has(name);
  }

  /** Top-level `NAME() { ...; }` and `unset -f NAME` of this line, for the lines after it. */
  #rememberFunctions(ast: ScriptNode): void {
    for (const statement of ast.statements) {
      const [pipeline] = statement.pipelines;
      const command = statement.pipelines.length === 1 ? pipeline?.commands[0] : undefined;
      if (command?.type === "FunctionDef") {
        this.#functions.set(command.name, structuredClone(statement));
      } else if (command?.type === "SimpleCommand" && literalWord(command.name) === "unset") {
        const words = command.args.map(literalWord);
        if (!words.includes("-f")) continue;
        for (const word of words) if (word !== undefined) this.#functions.delete(word);
      }
    }
  }

  #walk(node: unknown, depth: number): void {
    // The parser already bounds nesting; this guard keeps a pathological tree from
    // exhausting the stack here first.
    if (depth > 500) return;
    if (Array.isArray(node)) {
      for (const child of node) this.#walk(child, depth + 1);
      return;
    }
    if (!isNode(node)) return;
    if (node["type"] === "SimpleCommand") this.#expandAlias(node);
    if (node["type"] === "ConditionalCommand" && this.state.posixShell === true) {
      Object.assign(node, missingConditional());
      return;
    }
    if (
      node["type"] === "ParameterExpansion" &&
      node["parameter"] === "RANDOM" &&
      node["operation"] === null
    ) {
      node["type"] = "Literal";
      node["value"] = String(Math.floor(this.state.random() * 32768));
      delete node["parameter"];
      delete node["operation"];
      return;
    }
    for (const value of Object.values(node)) {
      if (isNode(value)) this.#walk(value, depth + 1);
    }
  }

  #expandAlias(command: Node): void {
    const name = literalWord(command["name"]);
    if (name === undefined) return;
    // An alias whose text starts with its own name is expanded once (`alias ls='ls -F'`).
    const seen = new Set<string>();
    let current = name;
    while (!seen.has(current)) {
      const text = this.state.aliases.get(current);
      if (text === undefined) return;
      seen.add(current);
      const words = aliasWords(text);
      if (!words) return;
      command["name"] = words.name;
      const args = Array.isArray(command["args"]) ? (command["args"] as unknown[]) : [];
      command["args"] = [...words.args, ...args];
      const next = literalWord(words.name);
      if (next === undefined) return;
      current = next;
    }
  }
}
