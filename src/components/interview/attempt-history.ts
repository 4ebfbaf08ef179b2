/**
 * The learner's attempts per question: stored with their progress on the server
 * (GET/POST /api/interview/attempts), or in localStorage when the server has no progress store
 * (a static deployment) or cannot be reached.
 */
export interface Attempt {
  readonly questionId: string;
  readonly score: number;
  readonly createdAt: number;
}

export interface AttemptDetails {
  readonly covered: readonly string[];
  readonly missed: readonly string[];
  readonly misconceptions: readonly string[];
}

const storageKey = "interview-attempts";

function isAttempt(value: unknown): value is Attempt {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record["questionId"] === "string" &&
    typeof record["score"] === "number" &&
    typeof record["createdAt"] === "number"
  );
}

function localAttempts(): Attempt[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? "[]") as unknown;
    return Array.isArray(parsed) ? parsed.filter(isAttempt) : [];
  } catch {
    return [];
  }
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

  async list(questionId: string): Promise<Attempt[]> {
    if (this.#store === "server") {
      try {
        const response = await fetch(
          `${this.#endpoint}?question=${encodeURIComponent(questionId)}`,
        );
        if (response.ok) {
          const body = (await response.json()) as { attempts?: unknown };
          if (Array.isArray(body.attempts)) return body.attempts.filter(isAttempt);
        }
      } catch {
        // Fall through to the browser's own store.
      }
      this.#store = "browser";
    }
    return localAttempts().filter((attempt) => attempt.questionId === questionId);
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
    const attempts = [...localAttempts(), { questionId, score, createdAt: Date.now() }];
    try {
      localStorage.setItem(storageKey, JSON.stringify(attempts.slice(-200)));
    } catch {
      // Storage full or disabled: the attempt is shown but not kept.
    }
  }
}
