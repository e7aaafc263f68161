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

// R's binom.test: add the other tail's outcomes whose probability is ≤ the observed one (relative tolerance 1e-7).
function twoSided(x: number, n: number, p: number): number {
  const observed = binomialLogPmf(x, n, p) + Math.log(1 + 1e-7);
  const mean = n * p;
  if (x === mean) return 1;
  const atMost = (i: number): boolean => binomialLogPmf(i, n, p) <= observed;
  if (x < mean) {
    // The pmf does not increase on [⌈mean⌉, n], so the qualifying outcomes form a suffix [first, n].
    const first = firstIndex(Math.ceil(mean), n + 1, atMost);
    return Math.min(1, binomialCdf(x, n, p) + binomialUpperTail(first, n, p));
  }
  // The pmf does not decrease on [0, ⌊mean⌋], so the qualifying outcomes form a prefix [0, end).
  const end = firstIndex(0, Math.floor(mean) + 1, (i) => !atMost(i));
  return Math.min(1, binomialCdf(end - 1, n, p) + binomialUpperTail(x, n, p));
}

/** Smallest i in [from, to) with test(i) true, for a test that is false then true; `to` when never true. */
function firstIndex(from: number, to: number, test: (i: number) => boolean): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (test(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
