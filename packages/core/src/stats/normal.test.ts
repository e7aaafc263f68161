import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { normalCdf, normalQuantile } from './normal.js';

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf(0.975) = 1.959963984540054 (SciPy documentation)', () => {
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-12);
    expect(Math.abs(normalQuantile(0.025) + 1.959963984540054)).toBeLessThan(1e-12);
  });

  it('is 0 at one half', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
  });

  // Upper bound 5: above it p = Φ(x) rounds so close to 1 that x is no longer recoverable from p itself.
  it('inverts normalCdf across the range, tails included (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 5, noNaN: true }), (x) => {
        const p = normalCdf(x);
        return Math.abs(normalQuantile(p) - x) < 1e-9 * Math.max(1, Math.abs(x));
      }),
    );
  });

  it.each([0, 1, -1, 2, Number.NaN])('rejects p = %s', (p) => {
    expect(() => normalQuantile(p)).toThrow(expect.objectContaining({ code: STATS_INVALID_ARGUMENT }));
  });
});

describe('normalCdf', () => {
  it('is symmetric and monotone (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, d) => {
        return Math.abs(normalCdf(x) + normalCdf(-x) - 1) < 1e-15 && normalCdf(x + d) >= normalCdf(x);
      }),
    );
  });

  it('handles infinities and rejects NaN', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(() => normalCdf(Number.NaN)).toThrow(expect.objectContaining({ code: STATS_INVALID_ARGUMENT }));
  });
});
