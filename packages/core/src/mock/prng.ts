import { createHash } from 'node:crypto';

/** A seeded pseudo-random generator returning floats in [0, 1). */
export type Prng = () => number;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; the same seed always gives the same stream. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Folds any list of labels into a 32-bit seed: the first 4 bytes of sha256 of the labels joined by NUL. */
export function deriveSeed(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}
