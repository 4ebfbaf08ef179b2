/**
 * A token bucket: `capacity` units of burst, refilled at `perSecond`. Used for each session's input
 * bytes, output bytes and message count so one learner cannot starve the others.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perSecond: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(capacity: number, perSecond: number, now: () => number) {
    this.#capacity = capacity;
    this.#perSecond = perSecond;
    this.#now = now;
    this.#tokens = capacity;
    this.#updatedAt = now();
  }

  /** Takes `amount` tokens if there are that many; false (and nothing taken) otherwise. */
  take(amount: number): boolean {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#perSecond);
    this.#updatedAt = now;
    if (amount > this.#tokens) return false;
    this.#tokens -= amount;
    return true;
  }
}
