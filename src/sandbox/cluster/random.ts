/**
 * Seeded pseudo-random numbers (mulberry32): the same seed gives the same names, UIDs and bad
 * node on every run, in Node and in a browser.
 */
const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const HEX = "0123456789abcdef";

export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("cannot pick from an empty list");
    return items[this.int(items.length)] as T;
  }

  /** A name suffix from the alphabet Kubernetes uses for generateName (no vowels, no 0/1/3). */
  suffix(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += NAME_ALPHABET[this.int(NAME_ALPHABET.length)] ?? "b";
    return out;
  }

  hex(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += HEX[this.int(16)] ?? "0";
    return out;
  }

  /** A version 4 UUID as the API server assigns to metadata.uid. */
  uuid(): string {
    const h = this.hex(32);
    const variant = "89ab"[this.int(4)] ?? "8";
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
