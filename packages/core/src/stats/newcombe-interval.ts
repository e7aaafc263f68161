import { StatsArgumentError } from '../errors.js';
import type { BinomialCount } from './validate.js';
import { assertBinomial } from './validate.js';
import { twoSidedZ, wilsonWithZ } from './wilson-interval.js';

/** A difference of proportions (candidate − baseline) with its confidence interval. */
export interface DifferenceInterval {
  difference: number;
  low: number;
  high: number;
}

/** Throws unless `count` is a valid tally with at least one trial. */
export function assertNonEmptyCount(count: BinomialCount, label: string): void {
  assertBinomial(count.successes, count.trials, `${label}.`);
  if (count.trials === 0) throw new StatsArgumentError(`${label}.trials must be at least 1 to estimate a pass rate`);
}

/**
 * Confidence interval for the difference of two independent proportions, candidate − baseline, by Newcombe's
 * hybrid score method (method 10 of Newcombe 1998, "Interval estimation for the difference between independent
 * proportions", Stat Med 17:873–890): the Wilson intervals of each rate combined by "square and add".
 *
 * @param confidence two-sided coverage, in (0, 1). @default 0.95
 */
export function newcombeInterval(
  candidate: BinomialCount,
  baseline: BinomialCount,
  confidence = 0.95,
): DifferenceInterval {
  assertNonEmptyCount(candidate, 'candidate');
  assertNonEmptyCount(baseline, 'baseline');
  const z = twoSidedZ(confidence);
  const p1 = candidate.successes / candidate.trials;
  const p2 = baseline.successes / baseline.trials;
  const w1 = wilsonWithZ(candidate.successes, candidate.trials, z);
  const w2 = wilsonWithZ(baseline.successes, baseline.trials, z);
  const difference = p1 - p2;
  return {
    difference,
    low: difference - Math.hypot(p1 - w1.low, w2.high - p2),
    high: difference + Math.hypot(w1.high - p1, p2 - w2.low),
  };
}
