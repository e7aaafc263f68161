import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  // Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison of seven methods.
  // Stat Med 17:857–872, Table II, method 3 (score, no continuity correction). Printed to 4 decimals, so we
  // compare to the printed precision (±0.00005).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches Newcombe (1998) Table II method 3', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials);
    expect(Math.abs(interval.low - low)).toBeLessThan(0.00005);
    expect(Math.abs(interval.high - high)).toBeLessThan(0.00005);
  });

  it('is [0, 1] with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('touches 0 with no successes and 1 with all successes', () => {
    expect(wilsonInterval(0, 50).low).toBe(0);
    expect(wilsonInterval(50, 50).high).toBe(1);
    expect(wilsonInterval(50, 50).low).toBeCloseTo(1 - wilsonInterval(0, 50).high, 12);
  });

  it('gets wider with higher confidence', () => {
    const narrow = wilsonInterval(30, 40, 0.8);
    const wide = wilsonInterval(30, 40, 0.99);
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it('contains the point estimate and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 100_000 })
          .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials))),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        ([successes, trials], confidence) => {
          const { low, high } = wilsonInterval(successes, trials, confidence);
          const p = successes / trials;
          return low >= 0 && high <= 1 && low <= p + 1e-12 && p <= high + 1e-12;
        },
      ),
    );
  });

  it('moves up as successes grow (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 10_000 })
          .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials - 1 }), fc.constant(trials))),
        ([successes, trials]) => {
          const a = wilsonInterval(successes, trials);
          const b = wilsonInterval(successes + 1, trials);
          return b.low > a.low && b.high > a.high;
        },
      ),
    );
  });

  it.each([
    [-1, 10, 'successes must be a non-negative integer'],
    [1.5, 10, 'successes must be a non-negative integer'],
    [3, 2.5, 'trials must be a non-negative integer'],
    [11, 10, 'successes (11) must not exceed trials (10)'],
    [Number.NaN, 10, 'successes must be a non-negative integer'],
  ])('rejects successes=%s trials=%s', (successes, trials, message) => {
    expect(() => wilsonInterval(successes, trials)).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT, message: expect.stringContaining(message) }),
    );
  });

  it.each([0, 1, -0.5, 1.5, Number.NaN])('rejects confidence %s', (confidence) => {
    expect(() => wilsonInterval(5, 10, confidence)).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT, message: expect.stringContaining('confidence') }),
    );
  });
});
