/**
 * Seeded randomness: a plate's seed is its key, so the same key always gives
 * the same wobble, hence the same bytes. Never Math.random here.
 */

/** FNV-1a: a string → a 32-bit seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough to move a pen by a fraction of a millimetre. */
export class Random {
  private state: number;
  constructor(seed: number | string) {
    this.state = typeof seed === "string" ? hashSeed(seed) : seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A number in [a, b). */
  range(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  /** A number in [-amount, amount): the basic hand tremor. */
  wobble(amount: number): number {
    return (this.next() * 2 - 1) * amount;
  }
}
