import { hypergeometricLogPmf, sumDecreasingTail } from './special-functions.js';
import type { BinomialCount } from './validate.js';
import { assertBinomial } from './validate.js';

/**
 * One-sided Fisher exact test, H1: the candidate's pass rate is lower than the baseline's. Conditioning on the
 * margins of the 2×2 table, the candidate's successes are hypergeometric; the p-value is P(X ≤ observed) —
 * R's `fisher.test(matrix(c(cs, bs, cf, bf), 2), alternative = "less")` with the candidate in the first row.
 */
export function fisherExactOneSided(candidate: BinomialCount, baseline: BinomialCount): number {
  assertBinomial(candidate.successes, candidate.trials, 'candidate.');
  assertBinomial(baseline.successes, baseline.trials, 'baseline.');
  const population = candidate.trials + baseline.trials;
  const marked = candidate.successes + baseline.successes;
  const draws = candidate.trials;
  const x = candidate.successes;
  const low = Math.max(0, draws - (population - marked));
  const high = Math.min(marked, draws);
  const mode = Math.floor(((draws + 1) * (marked + 1)) / (population + 2));
  const pmf = (k: number): number => hypergeometricLogPmf(k, population, marked, draws);
  if (x >= high) return 1;
  // Sum the smaller side outward from the observed value, where terms only decrease.
  if (x <= mode) return Math.min(1, sumDecreasingTail(pmf, x, low, -1));
  return Math.max(0, 1 - sumDecreasingTail(pmf, x + 1, high, 1));
}
