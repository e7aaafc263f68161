import { StatsArgumentError } from '../errors.js';
import { assertBinomial, assertOpenUnit } from './validate.js';

/** Options of {@link sprt}. */
export interface SprtOptions {
  /** Pass rate under H0. */
  p0: number;
  /** Pass rate under H1. */
  p1: number;
  /** Probability of accepting H1 when H0 is true. @default 0.05 */
  alpha?: number;
  /** Probability of accepting H0 when H1 is true. @default 0.2 */
  beta?: number;
  successes: number;
  trials: number;
}

/** State of a sequential probability ratio test. */
export interface SprtResult {
  /** Log-likelihood ratio log(L(p1) / L(p0)) of the observations. */
  llr: number;
  /** log(β / (1 − α)): at or below it, accept H0. */
  lower: number;
  /** log((1 − β) / α): at or above it, accept H1. */
  upper: number;
  decision: 'accept_h0' | 'accept_h1' | 'continue';
}

/**
 * Wald's sequential probability ratio test for a Bernoulli pass rate, H0: p = p0 against H1: p = p1 (Wald 1945,
 * "Sequential tests of statistical hypotheses", Ann Math Stat 16:117–186). Wald's boundaries A = (1 − β)/α and
 * B = β/(1 − α) in log space. Call again as observations accumulate; stop at the first decision.
 */
export function sprt(options: SprtOptions): SprtResult {
  const { p0, p1, alpha = 0.05, beta = 0.2, successes, trials } = options;
  assertOpenUnit(p0, 'p0');
  assertOpenUnit(p1, 'p1');
  assertOpenUnit(alpha, 'alpha');
  assertOpenUnit(beta, 'beta');
  if (p0 === p1) throw new StatsArgumentError(`p0 and p1 must differ, both are ${p0}`);
  if (alpha + beta >= 1) throw new StatsArgumentError(`alpha + beta must be below 1, got ${alpha} + ${beta}`);
  assertBinomial(successes, trials);
  const llr = successes * Math.log(p1 / p0) + (trials - successes) * (Math.log1p(-p1) - Math.log1p(-p0));
  const lower = Math.log(beta) - Math.log1p(-alpha);
  const upper = Math.log1p(-beta) - Math.log(alpha);
  const decision = llr >= upper ? 'accept_h1' : llr <= lower ? 'accept_h0' : 'continue';
  return { llr, lower, upper, decision };
}
