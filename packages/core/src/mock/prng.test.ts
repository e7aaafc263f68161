import { describe, expect, it } from 'vitest';
import { createPrng, deriveSeed } from './prng.js';

describe('createPrng / deriveSeed', () => {
  it('repeats a stream for a seed and differs across seeds', () => {
    const a = createPrng(123);
    const b = createPrng(123);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, createPrng(124))).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('is roughly uniform', () => {
    const next = createPrng(9);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(next() * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('derives stable, label-sensitive 32-bit seeds', () => {
    expect(deriveSeed(1, 'case', '0')).toBe(deriveSeed(1, 'case', '0'));
    expect(deriveSeed(1, 'case', '0')).not.toBe(deriveSeed(1, 'case', '1'));
    expect(deriveSeed(1, 'ab', 'c')).not.toBe(deriveSeed(1, 'a', 'bc'));
    expect(Number.isInteger(deriveSeed('x'))).toBe(true);
  });
});
