import type { Token } from "./tokenise.ts";

/** Words that name running out of memory as the cause of a kill. */
const memoryCauses = new Set(["oom", "oomkilled", "memory"]);
/** Words that name a signal: with one of these the sentence is about the signal, not the cause. */
const signalWords = /^(?:sig[a-z]+|signal|signals|signalled|signaled)$/;
const killWords = new Set(["killed", "kill", "kills", "killing"]);

/**
 * In a sentence that gives memory as the reason ("it got killed for using too much memory",
 * "128 means out of memory, so the container got killed"), a bare "killed" is the OOM kill. The
 * kill words become "oomkilled", so the sentence states the OOM belief it holds, not a separate
 * belief that 128 is a signal (it names no signal). Sentences that name a signal are left alone.
 */
export function attributeKillsToMemory(tokens: readonly Token[]): readonly Token[] {
  if (!tokens.some((token) => memoryCauses.has(token.text))) return tokens;
  if (tokens.some((token) => signalWords.test(token.text))) return tokens;
  if (!tokens.some((token) => killWords.has(token.text))) return tokens;
  return tokens.map((token) =>
    killWords.has(token.text) ? { ...token, text: "oomkilled" } : token,
  );
}
