import { normalQuantile } from './normal.js';
import { assertBinomial, assertOpenUnit } from './validate.js';

/** A confidence interval `[low, high]`. */
export interface Interval {
  low: number;
  high: number;
}

// The gate asks for the same few confidences thousands of times (sample-size searches, group-sequential looks);
// the quantile costs three incomplete-gamma evaluations, so the last answers are kept.
const zByConfidence = new Map<number, number>();

/** z such that a two-sided normal interval has the given coverage. */
export function twoSidedZ(confidence: number): number {
  const known = zByConfidence.get(confidence);
  if (known !== undefined) return known;
  assertOpenUnit(confidence, 'confidence');
  const z = normalQuantile(1 - (1 - confidence) / 2);
  if (zByConfidence.size >= 64) zByConfidence.clear();
  zByConfidence.set(confidence, z);
  return z;
}

/** Wilson interval with a precomputed z (no validation). */
export function wilsonWithZ(successes: number, trials: number, z: number): Interval {
  if (trials === 0) return { low: 0, high: 1 };
  const z2 = z * z;
  const denominator = trials + z2;
  const center = (successes + z2 / 2) / denominator;
  const half = (z / denominator) * Math.sqrt((successes * (trials - successes)) / trials + z2 / 4);
  return {
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === trials ? 1 : Math.min(1, center + half),
  };
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; method 3 of Newcombe 1998, no continuity
 * correction). With 0 trials the interval is [0, 1].
 *
 * @param confidence two-sided coverage, in (0, 1). @default 0.95
 * @example wilsonInterval(81, 263) // { low: 0.2553…, high: 0.3662… }
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  assertBinomial(successes, trials);
  return wilsonWithZ(successes, trials, twoSidedZ(confidence));
}
