import { type RunReport, runVerdict } from '@agent-cicd/core';

export interface GateVerdict {
  failed: boolean;
  /** Why the run fails, one sentence each; empty when it passes. */
  reasons: string[];
}

/**
 * The run's verdict: core's `runVerdict` (a suite below its threshold — without one every case must pass —, an
 * errored case unless `failOnError` is off, an incomplete run), plus anything that is not a prompt case failing.
 */
export function gateVerdict(options: {
  report: RunReport;
  otherFailures: string[];
  unhandledErrors: number;
  interrupted: boolean;
  failOnError: boolean;
}): GateVerdict {
  // The suites: the one rule shared with `agent-cicd run` and `report merge --gate`.
  const reasons = runVerdict(options.report, { failOnError: options.failOnError }).reasons;
  reasons.push(...options.otherFailures.map((failure) => `failed: ${failure}`));
  if (options.unhandledErrors) reasons.push(`${options.unhandledErrors} unhandled error(s)`);
  if (options.interrupted && options.report.status === 'complete') reasons.push('the run was interrupted');
  return { failed: reasons.length > 0, reasons };
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
