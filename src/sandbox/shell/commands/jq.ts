/**
 * jq's compile errors for a broken filter. just-bash's jq reports a filter it cannot parse in the
 * words jq keeps for broken JSON input (`jq: parse error: Unexpected token EOF at position 4`,
 * status 5), so a learner would look at the file instead of the quoting. jq 1.7 prints a syntax
 * error naming the token, the filter, and a count, with status 3 (src/parser.y yyerror, main.c).
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

/** just-bash's token names as jq's grammar names them in the message. */
const TOKENS: Readonly<Record<string, string>> = {
  EOF: "end of file",
  PIPE: "'|'",
  COMMA: "','",
  COLON: "':'",
  SEMICOLON: "';'",
  LPAREN: "'('",
  LBRACKET: "'['",
  LBRACE: "'{'",
  PLUS: "'+'",
  MINUS: "'-'",
  STAR: "'*'",
  SLASH: "'/'",
  DOT: "'.'",
  // jq's lexer answers a closing bracket nothing opened with INVALID_CHARACTER (lexer.l try_exit).
  RPAREN: "INVALID_CHARACTER",
  RBRACKET: "INVALID_CHARACTER",
  RBRACE: "INVALID_CHARACTER",
};

const FILTER_ERROR = /^jq: parse error: Unexpected token (\w+) at position \d+\n$/;

/** The filter: the first operand that is not an option or an option's value. */
function filterOf(args: readonly string[]): string | undefined {
  const withValue = new Set(["--arg", "--argjson", "--slurpfile", "--rawfile", "--indent", "-f"]);
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (withValue.has(arg)) index += arg === "--arg" || arg === "--argjson" ? 2 : 1;
    else if (!arg.startsWith("-") || arg === "-") return arg;
  }
  return undefined;
}

export function jqCommand(): Command {
  return defineCommand("jq", async (args, ctx) => {
    const original = ctx.origCommand;
    if (!original) return { stdout: "", stderr: "bash: jq: command not found\n", exitCode: 127 };
    const result = await original(args);
    const token = FILTER_ERROR.exec(result.stderr)?.[1];
    const filter = filterOf(args);
    if (token === undefined || filter === undefined) return result;
    const unexpected = TOKENS[token] ?? token;
    const stderr =
      `jq: error: syntax error, unexpected ${unexpected} (Unix shell quoting issues?) at <top-level>, line 1:\n` +
      `${filter}\njq: 1 compile error\n`;
    return { stdout: "", stderr, exitCode: 3 };
  });
}
