/**
 * The cluster's only time source. Time moves when the learner acts or a lab fast-forwards, so a
 * session replayed from its input log sees exactly the same timestamps.
 */
export class VirtualClock {
  #nowMs: number;

  constructor(startMs: number) {
    this.#nowMs = startMs;
  }

  /** Epoch milliseconds. */
  now(): number {
    return this.#nowMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.#nowMs += ms;
  }
}
