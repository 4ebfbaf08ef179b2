/** A sentence-like piece of the learner's answer, with its place in the original text. */
export interface AnswerUnit {
  /** The original text, as the learner wrote it (quoted as evidence). */
  readonly text: string;
  /** Character offsets into the answer: answer.slice(start, end) === text. */
  readonly start: number;
  readonly end: number;
}

/** Spoken transcripts come without punctuation; these words usually start a new thought. */
const discourseMarkers = new Set([
  "so",
  "then",
  "also",
  "next",
  "okay",
  "ok",
  "um",
  "uh",
  "basically",
  "first",
  "finally",
  "right",
  "after",
  "because",
]);
/** A run-on stretch longer than this many words is cut at discourse markers. */
const longRunWords = 28;
/** Neither piece of a cut is shorter than this many words. */
const shortestPiece = 6;

const bulletMarker = /^\s*(?:[-*\u2022+]|\d+[.)])\s+/;
/** Sentence ends: . ! ? followed by white space, except after common abbreviations. */
const sentenceEnd = /(?<!\b(?:e\.g|i\.e|etc|vs|approx))[.!?]+(?=\s)/g;

function trimmedUnit(answer: string, start: number, end: number): AnswerUnit | undefined {
  const text = answer.slice(start, end);
  const leading = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (!/[a-z0-9]/i.test(trimmed)) return undefined;
  const from = start + leading;
  return { text: trimmed, start: from, end: from + trimmed.length };
}

/** Cuts a long unpunctuated stretch before discourse markers so evidence stays a sentence. */
function cutRunOn(answer: string, unit: AnswerUnit): AnswerUnit[] {
  const words = [...unit.text.matchAll(/\S+/g)];
  if (words.length <= longRunWords) return [unit];
  const pieces: AnswerUnit[] = [];
  let pieceStart = 0;
  words.forEach((word, index) => {
    const bare = word[0].toLowerCase().replace(/[^a-z]/g, "");
    const remaining = words.length - index;
    if (
      index - pieceStart >= shortestPiece &&
      remaining >= shortestPiece &&
      discourseMarkers.has(bare)
    ) {
      const from = unit.start + (words[pieceStart]?.index ?? 0);
      const piece = trimmedUnit(answer, from, unit.start + word.index);
      if (piece) pieces.push(piece);
      pieceStart = index;
    }
  });
  const last = trimmedUnit(answer, unit.start + (words[pieceStart]?.index ?? 0), unit.end);
  if (last) pieces.push(last);
  return pieces;
}

/**
 * A piece still longer than this many words is cut into pieces of chunkWords: a sentence that
 * long is a transcript without markers or not an answer at all, and bounded pieces keep every
 * check fast whatever the input.
 */
const longestUnitWords = 60;
const chunkWords = 40;

function cutOverlong(answer: string, unit: AnswerUnit): AnswerUnit[] {
  const words = [...unit.text.matchAll(/\S+/g)];
  if (words.length <= longestUnitWords) return [unit];
  const pieces: AnswerUnit[] = [];
  for (let first = 0; first < words.length; first += chunkWords) {
    const from = unit.start + (words[first]?.index ?? 0);
    const next = words[first + chunkWords];
    const to = next ? unit.start + next.index : unit.end;
    const piece = trimmedUnit(answer, from, to);
    if (piece) pieces.push(piece);
  }
  return pieces;
}

interface Line {
  readonly start: number;
  readonly end: number;
  readonly bullet: boolean;
}

/**
 * The answer's lines, with an indented line that carries no bullet of its own joined to the
 * bullet above it: a bullet wrapped by the editor ("mostly it's a runtime start\n  failure") is
 * one item.
 */
function logicalLines(answer: string): Line[] {
  const lines: Line[] = [];
  for (const line of answer.matchAll(/[^\n]+/g)) {
    const bullet = bulletMarker.test(line[0]);
    const previous = lines.at(-1);
    const end = line.index + line[0].length;
    if (!bullet && /^\s+\S/.test(line[0]) && previous?.bullet === true) {
      lines[lines.length - 1] = { ...previous, end };
    } else {
      lines.push({ start: line.index, end, bullet });
    }
  }
  return lines;
}

/** Splits an answer into units: lines (bullets), sentences, and cut run-on transcripts. */
export function segmentAnswer(answer: string): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  for (const line of logicalLines(answer)) {
    const bullet = bulletMarker.exec(answer.slice(line.start, line.end));
    const lineStart = line.start + (bullet ? bullet[0].length : 0);
    const body = answer.slice(lineStart, line.end);
    let sentenceStart = 0;
    const ends = [...body.matchAll(sentenceEnd)].map((match) => match.index + match[0].length);
    for (const end of [...ends, body.length]) {
      const unit = trimmedUnit(answer, lineStart + sentenceStart, lineStart + end);
      if (unit) {
        for (const piece of cutRunOn(answer, unit)) units.push(...cutOverlong(answer, piece));
      }
      sentenceStart = end;
    }
  }
  return units;
}
