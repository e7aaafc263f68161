import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { sprt } from './sprt.js';

describe('sprt', () => {
  // Wald A (1945), Sequential tests of statistical hypotheses, Ann Math Stat 16:117–186, §3: continue while
  // B < L(p1)/L(p0) < A with A = (1 − β)/α and B = β/(1 − α). For α = 0.05, β = 0.2: A = 16, B = 4/19.
  it("uses Wald's boundaries", () => {
    const { lower, upper } = sprt({ p0: 0.9, p1: 0.8, successes: 0, trials: 0 });
    expect(upper).toBeCloseTo(Math.log(16), 14);
    expect(lower).toBeCloseTo(Math.log(4 / 19), 14);
  });

  // Bernoulli log-likelihood ratio (Wald 1947, Sequential Analysis, §5.2): s·ln(p1/p0) + f·ln((1−p1)/(1−p0)).
  it('computes the Bernoulli log-likelihood ratio', () => {
    const { llr } = sprt({ p0: 0.9, p1: 0.8, successes: 45, trials: 50 });
    expect(llr).toBeCloseTo(45 * Math.log(0.8 / 0.9) + 5 * Math.log(0.2 / 0.1), 12);
  });

  it('decides at the boundaries: H1 on a run of failures, H0 on a run of successes', () => {
    // p0 = 0.9, p1 = 0.8: each failure adds ln 2 = 0.693; 4 failures give 2.77 ≥ ln 16 = 2.77 → exactly at A.
    expect(sprt({ p0: 0.9, p1: 0.8, successes: 0, trials: 4 }).decision).toBe('accept_h1');
    expect(sprt({ p0: 0.9, p1: 0.8, successes: 0, trials: 3 }).decision).toBe('continue');
    // Each success adds ln(8/9) = −0.1178; ln(4/19) = −1.558 → 14 successes (−1.649) accept H0, 13 (−1.531) do not.
    expect(sprt({ p0: 0.9, p1: 0.8, successes: 14, trials: 14 }).decision).toBe('accept_h0');
    expect(sprt({ p0: 0.9, p1: 0.8, successes: 13, trials: 13 }).decision).toBe('continue');
  });

  it.each([
    [{ p0: 0.5, p1: 0.5 }, 'p0 and p1 must differ'],
    [{ p0: 0, p1: 0.5 }, 'p0 must be strictly between 0 and 1'],
    [{ p0: 0.5, p1: 0.6, alpha: 0.6, beta: 0.5 }, 'alpha + beta must be below 1'],
    [{ p0: 0.5, p1: 0.6, beta: 1 }, 'beta must be strictly between 0 and 1'],
    [{ p0: 0.5, p1: 0.6, successes: 5, trials: 4 }, 'successes (5) must not exceed trials (4)'],
  ])('rejects %j', (options, message) => {
    expect(() => sprt({ successes: 1, trials: 2, ...options })).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT, message: expect.stringContaining(message) }),
    );
  });
});
