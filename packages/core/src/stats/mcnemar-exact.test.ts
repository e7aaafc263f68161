import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { binomialTest } from './binomial-test.js';
import { mcnemarExact } from './mcnemar-exact.js';

describe('binomialTest', () => {
  // R documentation, ?binom.test: "Under (the assumption of) simple Mendelian inheritance, a cross between plants
  // of two particular genotypes produces progeny 1/4 of which are 'dwarf' and 3/4 of which are 'giant'":
  //   binom.test(c(682, 243), p = 3/4) → p-value = 0.3825 (printed to 4 digits).
  it("matches R's binom.test Mendel example (two-sided)", () => {
    expect(Math.abs(binomialTest(682, 925, 0.75).pValueTwoSided - 0.3825)).toBeLessThan(0.00005);
  });

  // SciPy documentation, scipy.stats.binom_test / binomtest: binom_test(3, n=15, p=0.1, alternative='greater')
  //   → 0.18406106910639114.
  it("matches SciPy's binom_test example (greater) to 1e-12", () => {
    expect(Math.abs(binomialTest(3, 15, 0.1).pValueGreater - 0.18406106910639114)).toBeLessThan(1e-12);
  });

  it('adds the lower tail when the observation is above the mean (R rule, by hand)', () => {
    // n = 10, p = 0.3, x = 6: of the outcomes below the mean only X = 0 (0.7^10 = 0.0282) is no more likely
    // than X = 6 (0.0368), so the p-value is P(X = 0) + P(X ≥ 6).
    const choose = [1, 10, 45, 120, 210, 252, 210, 120, 45, 10, 1];
    const pmf = (k: number): number => (choose[k] as number) * 0.3 ** k * 0.7 ** (10 - k);
    const expected = pmf(0) + pmf(6) + pmf(7) + pmf(8) + pmf(9) + pmf(10);
    expect(binomialTest(6, 10, 0.3).pValueTwoSided).toBeCloseTo(expected, 14);
  });

  it('is 1 two-sided at the mean and works at n = 100,000', () => {
    expect(binomialTest(50_000, 100_000).pValueTwoSided).toBe(1);
    const { pValueLess, pValueGreater } = binomialTest(49_000, 100_000);
    // z = −1000/158.1 ≈ −6.3: both tails are tiny/near one but finite and complementary.
    expect(pValueLess).toBeGreaterThan(0);
    expect(pValueLess).toBeLessThan(1e-9);
    expect(pValueGreater).toBeCloseTo(1, 9);
  });
});

describe('mcnemarExact', () => {
  it('is the binomial test on the discordant pairs (by hand: 0 of 20 → 2^−20)', () => {
    const result = mcnemarExact({ candidateOnly: 0, baselineOnly: 20 });
    expect(result.pValueCandidateWorse).toBeCloseTo(2 ** -20, 18);
    expect(result.pValueCandidateBetter).toBe(1);
    expect(result.pValueTwoSided).toBeCloseTo(2 ** -19, 18);
  });

  it('is symmetric: swapping sides swaps worse and better', () => {
    const a = mcnemarExact({ candidateOnly: 3, baselineOnly: 11 });
    const b = mcnemarExact({ candidateOnly: 11, baselineOnly: 3 });
    expect(a.pValueCandidateWorse).toBeCloseTo(b.pValueCandidateBetter, 15);
    expect(a.pValueTwoSided).toBeCloseTo(b.pValueTwoSided, 15);
    // 3 of 14 at ½: P(X ≤ 3) = (1 + 14 + 91 + 364) / 2^14 = 470/16384.
    expect(a.pValueCandidateWorse).toBeCloseTo(470 / 16384, 15);
    expect(a.pValueTwoSided).toBeCloseTo(940 / 16384, 15);
  });

  it('gives 1 everywhere with no discordant pairs', () => {
    expect(mcnemarExact({ candidateOnly: 0, baselineOnly: 0 })).toEqual({
      pValueCandidateWorse: 1,
      pValueCandidateBetter: 1,
      pValueTwoSided: 1,
    });
  });

  it('rejects invalid counts', () => {
    expect(() => mcnemarExact({ candidateOnly: 1.5, baselineOnly: 2 })).toThrow(
      expect.objectContaining({
        code: STATS_INVALID_ARGUMENT,
        message: 'candidateOnly must be a non-negative integer, got 1.5',
      }),
    );
  });
});
