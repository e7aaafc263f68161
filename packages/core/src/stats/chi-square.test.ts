import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { chiSquareIndependence } from './chi-square.js';

describe('chiSquareIndependence', () => {
  // SciPy documentation, scipy.stats.chi2_contingency, Examples:
  //   obs = np.array([[10, 10, 20], [20, 20, 20]]); res = chi2_contingency(obs)
  //   res.statistic 2.7777777777777777, res.pvalue 0.24935220877729616, res.dof 2
  // (with dof 2 scipy applies no continuity correction.)
  it("matches SciPy's chi2_contingency example to 1e-12", () => {
    const result = chiSquareIndependence([
      [10, 10, 20],
      [20, 20, 20],
    ]);
    expect(result.df).toBe(2);
    expect(Math.abs(result.statistic - 2.7777777777777777)).toBeLessThan(1e-12);
    expect(Math.abs(result.pValue - 0.24935220877729616)).toBeLessThan(1e-12);
  });

  // R documentation, ?chisq.test, Agresti (2007) p. 39, party identification by gender:
  //   M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477))); chisq.test(M)
  //   → X-squared = 30.07, df = 2, p-value = 2.954e-07 (printed to 4 significant digits).
  it("matches R's chisq.test party-identification example", () => {
    const result = chiSquareIndependence([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(result.df).toBe(2);
    expect(Math.abs(result.statistic - 30.07)).toBeLessThan(0.005);
    expect(Math.abs(result.pValue - 2.954e-7)).toBeLessThan(0.0005e-7);
  });

  it('is 0 with p-value 1 for a perfectly independent table', () => {
    expect(
      chiSquareIndependence([
        [5, 10],
        [10, 20],
      ]),
    ).toEqual({ statistic: 0, df: 1, pValue: 1 });
  });

  it.each([
    [[[1, 2]], 'at least 2 rows and 2 columns'],
    [[[1, 2], [3]], 'rows must have the same length'],
    [
      [
        [1, -2],
        [3, 4],
      ],
      'table[0][1] must be a non-negative count',
    ],
    [
      [
        [0, 2],
        [0, 4],
      ],
      'column 0 is all zero',
    ],
  ])('rejects %j', (table, message) => {
    expect(() => chiSquareIndependence(table)).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT, message: expect.stringContaining(message) }),
    );
  });
});
