import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { populationStabilityIndex } from './psi.js';

// PSI = Σ (aᵢ − eᵢ) ln(aᵢ / eᵢ) (Siddiqi 2006, Credit Risk Scorecards, ch. 8; Yurdakul 2018). Expected values
// below are that formula evaluated by hand.
describe('populationStabilityIndex', () => {
  it('is 0 for identical distributions, counts or proportions alike', () => {
    expect(populationStabilityIndex([0.2, 0.3, 0.5], [20, 30, 50])).toBe(0);
  });

  it('matches the formula by hand', () => {
    // (0.7 − 0.3) ln(7/3) + (0.3 − 0.7) ln(3/7) = 0.8 ln(7/3)
    expect(populationStabilityIndex([0.3, 0.7], [0.7, 0.3])).toBeCloseTo(0.8 * Math.log(7 / 3), 14);
    // (0.35−0.4) ln(0.35/0.4) + 0 + (0.25−0.2) ln(0.25/0.2)
    expect(populationStabilityIndex([40, 40, 20], [35, 40, 25])).toBeCloseTo(
      -0.05 * Math.log(0.875) + 0.05 * Math.log(1.25),
      14,
    );
  });

  it('replaces an empty bin by 1e-4 instead of dividing by zero', () => {
    const psi = populationStabilityIndex([0.5, 0.5, 0], [0.5, 0.4, 0.1]);
    expect(Number.isFinite(psi)).toBe(true);
    expect(psi).toBeCloseTo(-0.1 * Math.log(0.8) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4), 12);
  });

  it('is symmetric and non-negative (property)', () => {
    const bins = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(bins, bins, (e, a) => {
        const forward = populationStabilityIndex(e, a);
        return forward >= 0 && Math.abs(forward - populationStabilityIndex(a, e)) < 1e-12;
      }),
    );
  });

  it.each([
    [[1, 2], [1], 'same number of bins'],
    [[], [], 'at least one bin'],
    [[0, 0], [1, 1], 'expected must not be all zero'],
    [[1, -1], [1, 1], 'expected[1] must be a non-negative finite number'],
  ])('rejects %j vs %j', (expected, actual, message) => {
    expect(() => populationStabilityIndex(expected, actual)).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT, message: expect.stringContaining(message) }),
    );
  });
});
