import { newcombeInterval, pairedDifferenceInterval } from '@agent-cicd/core/stats';
import type { PairCounts } from './pair-counts.js';

/** Above this many trials per arm the estimate is reported as "more than". */
export const TRIALS_TO_SETTLE_LIMIT = 100_000;
/** The condition must hold for this many consecutive sizes (rounding makes it flicker near its edge). */
const STABLE = 10;

export interface TrialsToSettleOptions {
  /** Observed pass rates. */
  baseRate: number;
  candRate: number;
  /** The policy's non-inferiority margin (a fraction, e.g. 0.05). */
  margin: number;
  /** Two-sided confidence of the gate's interval. */
  confidence: number;
  /** The paired counts when the comparison is paired (their proportions are kept as the sample grows). */
  pairs?: PairCounts;
  /** Trials per arm already run; the search starts above. */
  current: number;
}

/**
 * A sample-size estimate for a HOLD: the smallest number of trials per arm (pairs, when paired) at which the
 * gate's own interval (paired score or Newcombe) would clear the non-inferiority margin if the observed rates
 * (or paired proportions) held. `undefined` when the observed difference is at or below −margin — then more
 * trials would not show non-inferiority — or when it would take more than `TRIALS_TO_SETTLE_LIMIT`.
 */
export function trialsToSettle(options: TrialsToSettleOptions): number | undefined {
  const { margin, confidence, pairs } = options;
  const total = pairs ? pairs.bothPass + pairs.candidateOnly + pairs.baselineOnly + pairs.bothFail : 0;
  const difference = pairs
    ? (pairs.candidateOnly - pairs.baselineOnly) / Math.max(total, 1)
    : options.candRate - options.baseRate;
  if (difference <= -margin) return undefined;
  // Proportions kept as the sample grows (no closures inside the search: it calls this thousands of times).
  const share =
    pairs && total > 0 ? [pairs.candidateOnly / total, pairs.baselineOnly / total, pairs.bothPass / total] : null;
  const lowAt = (n: number): number => {
    if (share !== null) {
      const candidateOnly = Math.round((share[0] as number) * n);
      const baselineOnly = Math.round((share[1] as number) * n);
      const bothPass = Math.round((share[2] as number) * n);
      const bothFail = Math.max(0, n - candidateOnly - baselineOnly - bothPass);
      return pairedDifferenceInterval({ bothPass, candidateOnly, baselineOnly, bothFail }, confidence).low;
    }
    return newcombeInterval(
      { successes: Math.round(options.candRate * n), trials: n },
      { successes: Math.round(options.baseRate * n), trials: n },
      confidence,
    ).low;
  };
  const ok = (n: number): boolean => lowAt(n) > -margin;
  let n = Math.max(1, options.current + 1);
  // Doubling, then a linear walk from the last size that failed: cheap even for large answers.
  let high = n;
  while (high <= TRIALS_TO_SETTLE_LIMIT && !ok(high)) high *= 2;
  if (high > TRIALS_TO_SETTLE_LIMIT) return undefined;
  n = Math.max(n, Math.floor(high / 2));
  for (; n <= TRIALS_TO_SETTLE_LIMIT; n++) {
    if (!ok(n)) continue;
    let stable = true;
    for (let m = n + 1; m <= n + STABLE; m++) {
      if (!ok(m)) {
        stable = false;
        n = m;
        break;
      }
    }
    if (stable) return n;
  }
  return undefined;
}
