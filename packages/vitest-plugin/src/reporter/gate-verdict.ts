import type { RunReport } from '@agent-cicd/core';

export interface GateVerdict {
  failed: boolean;
  /** Why the run fails, one sentence each; empty when it passes. */
  reasons: string[];
}

/**
 * The run's verdict: it fails when a suite is below its threshold (a suite without one needs every case to
 * pass), when a case errored (unless `failOnError` is off), or when anything that is not a prompt case failed.
 */
export function gateVerdict(options: {
  report: RunReport;
  otherFailures: string[];
  unhandledErrors: number;
  interrupted: boolean;
  failOnError: boolean;
}): GateVerdict {
  const reasons: string[] = [];
  for (const suite of options.report.suites) {
    if (suite.passed) continue;
    reasons.push(
      suite.threshold === undefined
        ? `suite ${suite.name}: ${suite.counts.cases - suite.counts.passed} of ${suite.counts.cases} cases did not pass`
        : `suite ${suite.name}: pass rate ${percent(suite.passRate)} is below its threshold ${percent(suite.threshold)}`,
    );
  }
  if (options.failOnError) {
    for (const suite of options.report.suites) {
      const errored = suite.cases.filter((testCase) => testCase.status === 'error').map((c) => c.caseId);
      if (errored.length)
        reasons.push(`suite ${suite.name}: ${errored.length} case(s) errored (${errored.join(', ')})`);
    }
  }
  reasons.push(...options.otherFailures.map((failure) => `failed: ${failure}`));
  if (options.unhandledErrors) reasons.push(`${options.unhandledErrors} unhandled error(s)`);
  if (options.interrupted) reasons.push('the run was interrupted');
  return { failed: reasons.length > 0, reasons };
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
