import type { Token } from "./tokenise.ts";

/** Only exit codes are reassigned: "126 isn't 'not found', that's 127". */
const lowestExitCode = 100;

function isExitCode(token: Token | undefined): boolean {
  return token?.kind === "number" && Number(token.text) >= lowestExitCode;
}

/**
 * "126 isn't 'not found', that's 127": a description denied of one code and given to another.
 * The sentence states that 127 is "not found" as plainly as "127 is not found" would, so each
 * such reassignment is returned as that plain claim (the new code, "is", the description) to be
 * read for key points. The denial of the first code stays where it is.
 */
export function reassignedClaims(tokens: readonly Token[]): Token[][] {
  const claims: Token[][] = [];
  tokens.forEach((token, at) => {
    if (!isExitCode(token)) return;
    if (tokens[at + 1]?.text !== "is" || tokens[at + 2]?.text !== "not") return;
    let end = at + 3;
    while (end < tokens.length && tokens[end]?.kind !== "punctuation") end++;
    const description = tokens.slice(at + 3, end);
    const [that, is, code, after] = tokens.slice(end + 1, end + 5);
    const reassigns =
      description.length > 0 &&
      that?.text === "that" &&
      is?.text === "is" &&
      isExitCode(code) &&
      code?.text !== token.text &&
      (after === undefined || after.kind === "punctuation");
    if (!reassigns || code === undefined) return;
    const clause = description[0]?.clause ?? token.clause;
    const verb: Token = { text: "is", kind: "word", clause };
    claims.push([{ ...code, clause }, verb, ...description.map((part) => ({ ...part, clause }))]);
  });
  return claims;
}
