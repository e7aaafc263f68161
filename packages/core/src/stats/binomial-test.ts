import { binomialLogPmf, sumDecreasingTail } from './special-functions.js';
import { assertBinomial, assertOpenUnit } from './validate.js';

/** P(X ≤ x) for X ~ Binomial(n, p). */
export function binomialCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const pmf = (k: number): number => binomialLogPmf(k, n, p);
  return x <= mode ? Math.min(1, sumDecreasingTail(pmf, x, 0, -1)) : 1 - binomialUpperTail(x + 1, n, p);
}

/** P(X ≥ x) for X ~ Binomial(n, p). */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const pmf = (k: number): number => binomialLogPmf(k, n, p);
  return x >= mode ? Math.min(1, sumDecreasingTail(pmf, x, n, 1)) : 1 - binomialCdf(x - 1, n, p);
}

/** p-values of the exact binomial test of H0: success probability = p. */
export interface BinomialTestResult {
  /** H1: probability < p. P(X ≤ successes). */
  pValueLess: number;
  /** H1: probability > p. P(X ≥ successes). */
  pValueGreater: number;
  /** H1: probability ≠ p; sums the outcomes no more likely than the observed one, as R's `binom.test`. */
  pValueTwoSided: number;
}

/**
 * Exact binomial test of H0: the success probability is `p`, e.g. `binomialTest(682, 925, 0.75)` (R's
 * `binom.test(682, 925, p = 0.75)`, two-sided p-value 0.3825).
 */
export function binomialTest(successes: number, trials: number, p = 0.5): BinomialTestResult {
  assertBinomial(successes, trials);
  assertOpenUnit(p, 'p');
  const pValueLess = binomialCdf(successes, trials, p);
  const pValueGreater = binomialUpperTail(successes, trials, p);
  return { pValueLess, pValueGreater, pValueTwoSided: twoSided(successes, trials, p) };
}

// R's binom.test: the other tail's outcomes whose probability is ≤ the observed one (with relative tolerance 1e-7).
function twoSided(x: number, n: number, p: number): number {
  const relativeError = 1 + 1e-7;
  const observed = binomialLogPmf(x, n, p) + Math.log(relativeError);
  const mean = n * p;
  if (x === mean) return 1;
  let y = 0;
  if (x < mean) {
    // The pmf decreases from ⌈mean⌉ to n: count from the far end while it stays ≤ the observed probability.
    for (let i = n; i >= Math.ceil(mean) && binomialLogPmf(i, n, p) <= observed; i--) y++;
    return Math.min(1, binomialCdf(x, n, p) + binomialUpperTail(n - y + 1, n, p));
  }
  for (let i = 0; i <= Math.floor(mean) && binomialLogPmf(i, n, p) <= observed; i++) y++;
  return Math.min(1, binomialCdf(y - 1, n, p) + binomialUpperTail(x, n, p));
}
