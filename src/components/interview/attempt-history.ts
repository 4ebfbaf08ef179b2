/**
 * The learner's attempts per question: stored with their progress on the server
 * (GET/POST /api/interview/attempts), or in localStorage when the server has no progress store
 * (a static deployment) or cannot be reached.
 */
export interface AttemptDetails {
  readonly covered: readonly string[];
  readonly missed: readonly string[];
  readonly misconceptions: readonly string[];
}

export interface Attempt {
  readonly questionId: string;
  readonly score: number;
  readonly createdAt: number;
  /** What the checker found; absent for attempts saved before details were kept. */
  readonly details?: AttemptDetails | undefined;
}

const storageKey = "interview-attempts";

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

function detailsOf(value: unknown): AttemptDetails | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { covered, missed, misconceptions } = record;
  if (!isIdList(covered) || !isIdList(missed) || !isIdList(misconceptions)) return undefined;
  return { covered, missed, misconceptions };
}

/** An attempt from the server or localStorage, checked field by field (either may be stale). */
function attemptOf(value: unknown): Attempt[] {
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const { questionId, score, createdAt } = record;
  if (typeof questionId !== "string" || typeof score !== "number") return [];
  if (typeof createdAt !== "number") return [];
  return [{ questionId, score, createdAt, details: detailsOf(record["details"]) }];
}

function localAttempts(): Attempt[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? "[]") as unknown;
    return Array.isArray(parsed) ? parsed.flatMap(attemptOf) : [];
  } catch {
    return [];
  }
}

/** Per question: how many attempts, the best and the latest score. */
export interface QuestionSummary {
  readonly attempts: number;
  readonly best: number;
  readonly last: number;
}

export function summarise(attempts: readonly Attempt[]): Map<string, QuestionSummary> {
  const summaries = new Map<string, QuestionSummary>();
  const ordered = [...attempts].sort((a, b) => a.createdAt - b.createdAt);
  for (const attempt of ordered) {
    const before = summaries.get(attempt.questionId);
    summaries.set(attempt.questionId, {
      attempts: (before?.attempts ?? 0) + 1,
      best: Math.max(before?.best ?? 0, attempt.score),
      last: attempt.score,
    });
  }
  return summaries;
}

export type HistoryStore = "server" | "browser";

export class AttemptHistory {
  readonly #endpoint: string;
  #store: HistoryStore = "server";

  constructor(base: string) {
    this.#endpoint = `${base}api/interview/attempts`;
  }

  /** Where attempts are kept; "browser" after the server could not take them. */
  get store(): HistoryStore {
    return this.#store;
  }

  /** The attempts at one question, or at every question when questionId is undefined. */
  async list(questionId?: string): Promise<Attempt[]> {
    if (this.#store === "server") {
      try {
        const query = questionId === undefined ? "" : `?question=${encodeURIComponent(questionId)}`;
        const response = await fetch(`${this.#endpoint}${query}`);
        if (response.ok) {
          const body = (await response.json()) as { attempts?: unknown };
          if (Array.isArray(body.attempts)) return body.attempts.flatMap(attemptOf);
        }
      } catch {
        // Fall through to the browser's own store.
      }
      this.#store = "browser";
    }
    return localAttempts().filter(
      (attempt) => questionId === undefined || attempt.questionId === questionId,
    );
  }

  async add(
    questionId: string,
    score: number,
    answer: string,
    details: AttemptDetails,
  ): Promise<void> {
    if (this.#store === "server") {
      try {
        const response = await fetch(this.#endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ questionId, score, answer, details }),
        });
        if (response.ok) return;
      } catch {
        // Fall through to the browser's own store.
      }
      this.#store = "browser";
    }
    const attempts = [...localAttempts(), { questionId, score, createdAt: Date.now(), details }];
    try {
      localStorage.setItem(storageKey, JSON.stringify(attempts.slice(-200)));
    } catch {
      // Storage full or disabled: the attempt is shown but not kept.
    }
  }
}
