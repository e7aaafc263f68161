import type { Check } from './check.js';
import type { GateAction } from './decision.js';

export interface Combined {
  action: GateAction;
  reasons: string[];
  nextStep?: number;
}

/**
 * Turns checks into an action: a confirmed live-canary regression → rollback; runs graded differently (`run.judge`:
 * one skipped the judge) → hold; too few eval samples → hold (never a
 * rollback or a promotion on thin evidence); otherwise any failing rollback check → rollback; any failing or inconclusive hold check → hold; else promote,
 * or advance when a canary step is given and is not the last.
 */
export function combineChecks(
  checks: readonly Check[],
  canary: { step?: number; steps: readonly number[] },
  promoteReason: string,
): Combined {
  const notPassing = checks.filter(
    ({ evidence }) =>
      evidence.effect !== 'none' && (evidence.verdict === 'fail' || evidence.verdict === 'inconclusive'),
  );
  const reasons = notPassing.flatMap((check) => (check.reason === undefined ? [] : [check.reason]));
  const tooFew = notPassing.some(({ evidence }) => evidence.check === 'passRate.samples');
  const failing = notPassing.filter(({ evidence }) => evidence.verdict === 'fail' && evidence.effect === 'rollback');
  const rollback = failing.length > 0;
  // The live canary test is anytime-valid, so it may stop a bad canary whatever the sample size.
  if (failing.some(({ evidence }) => evidence.check.startsWith('canary.'))) return { action: 'rollback', reasons };
  // Runs graded differently (one skipped the judge) cannot be compared: neither a rollback nor a promotion.
  if (notPassing.some(({ evidence }) => evidence.check === 'run.judge')) return { action: 'hold', reasons };
  if (tooFew) {
    if (rollback) reasons.push('The gate holds rather than rolls back until the minimum samples are reached.');
    return { action: 'hold', reasons };
  }
  if (rollback) return { action: 'rollback', reasons };
  if (notPassing.length > 0) return { action: 'hold', reasons };
  const index = canary.step === undefined ? -1 : canary.steps.indexOf(canary.step);
  const nextStep = index >= 0 ? canary.steps[index + 1] : undefined;
  if (nextStep !== undefined) {
    return {
      action: 'advance',
      nextStep,
      reasons: [`${promoteReason} Advance the canary to ${nextStep}% of traffic.`],
    };
  }
  return { action: 'promote', reasons: [promoteReason] };
}
