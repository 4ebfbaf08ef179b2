import type { Token } from "./tokenise.ts";

/**
 * Ways a speaker takes back what they just said: "it's OOM killed maybe no wait that's 137",
 * "128 is a signal, scratch that, it's a start failure". Each is a word sequence; punctuation
 * between its words ("wait, no") does not break it.
 */
const retractions: readonly (readonly string[])[] = [
  ["no", "wait"],
  ["wait", "no"],
  ["actually", "no"],
  ["scratch", "that"],
  ["strike", "that"],
  ["take", "that", "back"],
  ["correction"],
];

function retractionEndingAt(words: readonly Token[], at: number): boolean {
  return retractions.some((sequence) =>
    sequence.every((text, offset) => words[at - sequence.length + 1 + offset]?.text === text),
  );
}

/**
 * The part of a sentence that still stands after the speaker's last self-correction: the tokens
 * after it, or all tokens when there is none. What was taken back is not asserted.
 */
export function standingPart(tokens: readonly Token[]): readonly Token[] {
  const words = tokens.filter((token) => token.kind !== "punctuation");
  for (let at = words.length - 1; at >= 0; at--) {
    const word = words[at];
    if (word !== undefined && retractionEndingAt(words, at)) {
      return tokens.slice(tokens.indexOf(word) + 1);
    }
  }
  return tokens;
}
