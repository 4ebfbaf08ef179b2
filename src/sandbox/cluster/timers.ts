/**
 * Work due at a virtual time, run in time order (ties in the order scheduled), so the simulation
 * steps straight from one interesting moment to the next instead of ticking every second.
 */
interface Timer {
  atMs: number;
  seq: number;
  run: () => void;
}

export class TimerQueue {
  readonly #timers: Timer[] = [];
  #seq = 0;

  schedule(atMs: number, run: () => void): void {
    const timer: Timer = { atMs, seq: this.#seq++, run };
    let lo = 0;
    let hi = this.#timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.#timers[mid];
      if (other && (other.atMs < atMs || (other.atMs === atMs && other.seq < timer.seq)))
        lo = mid + 1;
      else hi = mid;
    }
    this.#timers.splice(lo, 0, timer);
  }

  nextDue(): number | undefined {
    return this.#timers[0]?.atMs;
  }

  /** Removes and returns the earliest timer due at or before atMs. */
  takeDue(atMs: number): (() => void) | undefined {
    const first = this.#timers[0];
    if (!first || first.atMs > atMs) return undefined;
    this.#timers.shift();
    return first.run;
  }

  get size(): number {
    return this.#timers.length;
  }
}
