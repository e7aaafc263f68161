import { StatsArgumentError } from '../errors.js';
import type { DifferenceInterval } from './newcombe-interval.js';
import { assertCount } from './validate.js';
import { twoSidedZ, wilsonWithZ } from './wilson-interval.js';

/** Paired pass/fail outcomes of candidate and baseline on the same cases (or trials). */
export interface PairedCounts {
  /** Both passed. */
  bothPass: number;
  /** The candidate passed, the baseline failed. */
  candidateOnly: number;
  /** The baseline passed, the candidate failed. */
  baselineOnly: number;
  /** Both failed. */
  bothFail: number;
}

/**
 * Confidence interval for the difference of paired proportions, candidate − baseline, by Newcombe's method 10
 * (Newcombe 1998, "Improved confidence intervals for the difference between binomial proportions based on paired
 * data", Stat Med 17:2635–2650): square-and-add of the two marginal Wilson intervals, corrected by the
 * continuity-corrected correlation φ between the paired outcomes.
 *
 * @param confidence two-sided coverage, in (0, 1). @default 0.95
 */
export function pairedDifferenceInterval(counts: PairedCounts, confidence = 0.95): DifferenceInterval {
  const { bothPass: a, candidateOnly: b, baselineOnly: c, bothFail: d } = counts;
  assertCount(a, 'bothPass');
  assertCount(b, 'candidateOnly');
  assertCount(c, 'baselineOnly');
  assertCount(d, 'bothFail');
  const n = a + b + c + d;
  if (n === 0) throw new StatsArgumentError('paired counts must contain at least one pair');
  const z = twoSidedZ(confidence);
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const w1 = wilsonWithZ(a + b, n, z);
  const w2 = wilsonWithZ(a + c, n, z);
  const phi = correctedPhi(a, b, c, d, n);
  const dl1 = p1 - w1.low;
  const du1 = w1.high - p1;
  const dl2 = p2 - w2.low;
  const du2 = w2.high - p2;
  const difference = (b - c) / n;
  return {
    difference,
    low: difference - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2)),
    high: difference + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2)),
  };
}

/**
 * Newcombe's φ: (ad − bc)/√(efgh) with a continuity correction on the numerator (ad − bc − n/2 when
 * ad − bc > n/2, 0 when 0 ≤ ad − bc ≤ n/2, unchanged when negative), and 0 when a margin is empty.
 */
function correctedPhi(a: number, b: number, c: number, d: number, n: number): number {
  const margins = [a + b, c + d, a + c, b + d];
  if (margins.some((m) => m === 0)) return 0;
  const cross = a * d - b * c;
  const numerator = cross > n / 2 ? cross - n / 2 : Math.min(cross, 0);
  return numerator / Math.sqrt(margins.reduce((product, m) => product * m, 1));
}
