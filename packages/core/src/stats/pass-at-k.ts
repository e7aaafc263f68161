import { StatsArgumentError } from '../errors.js';
import { assertBinomial, assertCount } from './validate.js';

function assertPassK(n: number, c: number, k: number): void {
  assertBinomial(c, n, '');
  assertCount(k, 'k');
  if (k < 1) throw new StatsArgumentError(`k must be at least 1, got ${k}`);
  if (k > n) throw new StatsArgumentError(`k (${k}) must not exceed the number of trials n (${n})`);
}

/**
 * pass^k (Yao et al. 2024, τ-bench): the probability that k trials drawn without replacement from the n observed
 * trials, c of them successful, **all** succeed — C(c, k) / C(n, k). Measures reliability: it falls as k grows.
 */
export function passHatK(n: number, c: number, k: number): number {
  assertPassK(n, c, k);
  if (c < k) return 0;
  // C(c, k) / C(n, k) = Π_{i=0}^{k-1} (c − i) / (n − i); every factor is in (0, 1], so no overflow.
  let product = 1;
  for (let i = 0; i < k; i++) product *= (c - i) / (n - i);
  return product;
}

/**
 * pass@k, the unbiased estimator of Chen et al. 2021 (Codex): the probability that at least one of k trials drawn
 * without replacement from the n observed trials, c of them successful, succeeds — 1 − C(n − c, k) / C(n, k).
 */
export function passAtK(n: number, c: number, k: number): number {
  assertPassK(n, c, k);
  if (n - c < k) return 1;
  // Chen et al.'s numerically stable form: 1 − Π_{i=n−c+1}^{n} (1 − k / i).
  let product = 1;
  for (let i = n - c + 1; i <= n; i++) product *= 1 - k / i;
  return 1 - product;
}
