/**
 * Turns numbers spoken as words into digits, the way people say exit codes: "one thirty seven"
 * and "one three seven" are 137, "one hundred and twenty eight" is 128, "two fifty five" is 255,
 * "minus one" is -1 (as "-" then 1). Only cardinals are converted: ordinals stay words, so "a
 * second node" is never a number (a general converter such as compromise turns it into a
 * fraction).
 */
const units: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const teens: Readonly<Record<string, number>> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

interface Parsed {
  readonly value: number;
  /** Number of words consumed. */
  readonly length: number;
}

function digitOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (word === "oh") return 0;
  return units[word] ?? (/^\d$/.test(word) ? Number(word) : undefined);
}

/** A number below 100: "thirty seven", "thirty", "fifteen", "nine". */
function belowHundred(words: readonly string[], at: number): Parsed | undefined {
  const word = words[at];
  if (word === undefined) return undefined;
  const ten = tens[word];
  if (ten !== undefined) {
    const unit = units[words[at + 1] ?? ""];
    return unit !== undefined && unit > 0
      ? { value: ten + unit, length: 2 }
      : { value: ten, length: 1 };
  }
  const teen = teens[word];
  if (teen !== undefined) return { value: teen, length: 1 };
  const unit = units[word];
  return unit === undefined ? undefined : { value: unit, length: 1 };
}

function parseNumber(words: readonly string[], at: number): Parsed | undefined {
  const first = words[at];
  if (first === undefined) return undefined;
  const lead = first === "a" ? 1 : units[first];
  // "one hundred and twenty eight", "a hundred twenty eight"
  if (lead !== undefined && lead > 0 && words[at + 1] === "hundred") {
    let next = at + 2;
    if (words[next] === "and") next++;
    const rest = belowHundred(words, next);
    return rest
      ? { value: lead * 100 + rest.value, length: next - at + rest.length }
      : { value: lead * 100, length: 2 };
  }
  if (first === "a") return undefined;
  // "one thirty seven", "two fifty five", "one twelve"
  const secondWord = words[at + 1] ?? "";
  if (lead !== undefined && lead > 0 && (tens[secondWord] ?? teens[secondWord]) !== undefined) {
    const rest = belowHundred(words, at + 1);
    if (rest) return { value: lead * 100 + rest.value, length: 1 + rest.length };
  }
  // "one three seven", "one two eight": digits read one by one
  const d1 = digitOf(first);
  const d2 = digitOf(words[at + 1]);
  const d3 = digitOf(words[at + 2]);
  if (
    d1 !== undefined &&
    d1 > 0 &&
    units[first] !== undefined &&
    d2 !== undefined &&
    d3 !== undefined &&
    units[words[at + 2] ?? ""] !== undefined
  ) {
    return { value: d1 * 100 + d2 * 10 + d3, length: 3 };
  }
  return belowHundred(words, at);
}

/** Replaces spoken numbers in a word list with their digits; other words pass through. */
export function convertSpokenNumbers(words: readonly string[]): string[] {
  const result: string[] = [];
  for (let at = 0; at < words.length;) {
    const word = words[at] ?? "";
    const signed = word === "minus" || word === "negative";
    if (signed && /^\d+$/.test(words[at + 1] ?? "")) {
      result.push("-");
      at++;
      continue;
    }
    const parsed = parseNumber(words, signed ? at + 1 : at);
    if (parsed) {
      if (signed) result.push("-");
      result.push(String(parsed.value));
      at += parsed.length + (signed ? 1 : 0);
    } else {
      result.push(word);
      at++;
    }
  }
  return result;
}
