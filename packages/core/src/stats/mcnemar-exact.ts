import { binomialTest } from './binomial-test.js';
import { assertCount } from './validate.js';

/** Discordant pairs of a paired comparison. */
export interface DiscordantPairs {
  /** Pairs the candidate passed and the baseline failed. */
  candidateOnly: number;
  /** Pairs the baseline passed and the candidate failed. */
  baselineOnly: number;
}

/** p-values of the exact McNemar test. */
export interface McNemarResult {
  /** H1: the candidate fails more often than the baseline. */
  pValueCandidateWorse: number;
  /** H1: the candidate passes more often than the baseline. */
  pValueCandidateBetter: number;
  /** H1: they differ (as R's `binom.test` on the discordant pairs). */
  pValueTwoSided: number;
}

/**
 * Exact McNemar test for paired pass/fail results: under H0 each discordant pair is equally likely to favour
 * either side, so `candidateOnly` ~ Binomial(candidateOnly + baselineOnly, ½). With no discordant pairs every
 * p-value is 1.
 */
export function mcnemarExact(discordant: DiscordantPairs): McNemarResult {
  const { candidateOnly, baselineOnly } = discordant;
  assertCount(candidateOnly, 'candidateOnly');
  assertCount(baselineOnly, 'baselineOnly');
  const { pValueLess, pValueGreater, pValueTwoSided } = binomialTest(candidateOnly, candidateOnly + baselineOnly, 0.5);
  return { pValueCandidateWorse: pValueLess, pValueCandidateBetter: pValueGreater, pValueTwoSided };
}
