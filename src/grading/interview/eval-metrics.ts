/** Counts for micro-averaged precision and recall over (answer, id) decisions. */
export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export function emptyCounts(): Counts {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
}

/** Adds one answer's predicted and expected ids to the counts. */
export function addDecisions(
  counts: Counts,
  predicted: readonly string[],
  expected: readonly string[],
): void {
  const expectedSet = new Set(expected);
  const predictedSet = new Set(predicted);
  for (const id of predictedSet) {
    if (expectedSet.has(id)) counts.truePositives++;
    else counts.falsePositives++;
  }
  for (const id of expectedSet) if (!predictedSet.has(id)) counts.falseNegatives++;
}

/**
 * Precision, recall and F1. With nothing predicted, precision is 1 (no false claims were made);
 * with nothing expected, recall is 1 (nothing was there to find).
 */
export function scoresOf(counts: Counts): Scores {
  const { truePositives, falsePositives, falseNegatives } = counts;
  const predicted = truePositives + falsePositives;
  const expected = truePositives + falseNegatives;
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = expected === 0 ? 1 : truePositives / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: expected };
}
