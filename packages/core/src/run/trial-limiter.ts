import pLimit, { type LimitFunction } from 'p-limit';

/** Runs at most `concurrency` trials at once; the rest wait in order (a `p-limit` limit function). */
export type TrialLimiter = LimitFunction;

/**
 * The one limit the trials of a run share (`runSuite` creates one per run, the Vitest plugin one per worker).
 * Only trials take a slot — never the case that waits for them — so a case holding trials cannot deadlock it.
 */
export function createTrialLimiter(concurrency: number): TrialLimiter {
  return pLimit(Math.max(1, Math.floor(concurrency)));
}
