/**
 * glibc's collation for en_US.UTF-8 (localedata iso14651_t1, glibc 2.28 and later), what strcoll
 * and so GNU sort and ls use on a workstation: strings are compared level by level, each level
 * over the whole string before the next:
 * 1. base characters, case and accents ignored, punctuation and spaces skipped; digits before
 *    letters (`-1` sorts as `1`, `_x` as `x`, `NODE-2` between `node-10` and `node-3`);
 * 2. accents (`e` and `E` before `é`);
 * 3. case, lowercase first (`ab aB Ab AB`);
 * 4. every character, punctuation included, punctuation before digits before letters
 *    (`web 1`, `web-1`, `web_1`, `web1`), the punctuation in the table's order: `$` first, then
 *    ASCII order.
 * ICU (Intl.Collator) differs: it does not skip punctuation at the first level by default.
 */

interface Weights {
  readonly primary: number[];
  readonly accents: number[];
  readonly cases: number[];
  readonly all: number[];
}

/** Level-4 order of ASCII punctuation and symbols, as `LC_ALL=en_US.UTF-8 sort` puts them. */
const PUNCTUATION = "$ !\"#%&'()*+,-./:;<=>?@[\\]^_`{|}~";

const DIGIT_BASE = 1_000_000;
const LETTER_BASE = 2_000_000;

function weights(text: string): Weights {
  const result: Weights = { primary: [], accents: [], cases: [], all: [] };
  for (const char of text) {
    const [base = char, ...marks] = char.normalize("NFD");
    const lower = base.toLowerCase();
    if (/^\p{N}$/u.test(base)) {
      const weight = DIGIT_BASE + (base.codePointAt(0) ?? 0);
      result.primary.push(weight);
      result.accents.push(0);
      result.cases.push(0);
      result.all.push(weight);
    } else if (/^\p{L}$/u.test(base)) {
      const weight = LETTER_BASE + (lower.codePointAt(0) ?? 0);
      result.primary.push(weight);
      result.accents.push(marks.reduce((sum, mark) => sum * 1024 + (mark.codePointAt(0) ?? 0), 0));
      result.cases.push(base === lower ? 0 : 1);
      result.all.push(weight);
    } else {
      const index = PUNCTUATION.indexOf(char);
      result.all.push(index === -1 ? 1000 + (char.codePointAt(0) ?? 0) : index);
    }
  }
  return result;
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return Math.sign(a.length - b.length);
}

/** strcoll under en_US.UTF-8: negative, zero or positive. */
export function glibcCollate(a: string, b: string): number {
  if (a === b) return 0;
  const left = weights(a);
  const right = weights(b);
  return (
    compareSequences(left.primary, right.primary) ||
    compareSequences(left.accents, right.accents) ||
    compareSequences(left.cases, right.cases) ||
    compareSequences(left.all, right.all) ||
    (a < b ? -1 : 1)
  );
}
