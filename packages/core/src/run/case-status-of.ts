import type { CaseStatus } from '../schema/report.js';

/**
 * The one rule folding trial statuses into a case's: `error` if any trial errored, else `failed` if any failed,
 * else `skipped` if any was skipped (nothing decided it: `--no-judge` on a judge-only case), else `passed`.
 * A skipped trial never makes a case pass.
 */
export function caseStatusOf(trials: ReadonlyArray<{ status: CaseStatus }>): CaseStatus {
  let status: CaseStatus = 'passed';
  for (const trial of trials) {
    if (trial.status === 'error') return 'error';
    if (trial.status === 'failed') status = 'failed';
    else if (trial.status === 'skipped' && status === 'passed') status = 'skipped';
  }
  return status;
}

/** Passed trials ÷ evaluated (not skipped) trials; 0 when none was evaluated. */
export function trialPassRate(trials: ReadonlyArray<{ status: CaseStatus }>): number {
  const evaluated = trials.filter((trial) => trial.status !== 'skipped').length;
  const passed = trials.filter((trial) => trial.status === 'passed').length;
  return evaluated === 0 ? 0 : passed / evaluated;
}
