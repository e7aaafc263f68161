import type { RunReport } from '../schema/report.js';

export interface RunVerdict {
  passed: boolean;
  /** Why the run did not pass, one sentence each; empty when it passed. */
  reasons: string[];
}

export interface RunVerdictOptions {
  /** A case that errored (model call, tool, judge or target failed) fails the run, even above a threshold. @default true */
  failOnError?: boolean;
}

/**
 * The one rule for "did this run pass", used by `agent-cicd run`, `report merge --gate` and the Vitest reporter:
 * every suite meets its threshold (a suite without one needs every case to pass), no case errored (unless
 * `failOnError: false`), and the run is complete (not interrupted or over budget).
 */
export function runVerdict(
  report: Pick<RunReport, 'status' | 'statusReason' | 'suites'>,
  options: RunVerdictOptions = {},
): RunVerdict {
  const reasons: string[] = [];
  if (report.status !== 'complete') {
    reasons.push(
      `the run is ${report.status.replace('_', ' ')}${report.statusReason ? ` (${report.statusReason})` : ''}`,
    );
  }
  for (const suite of report.suites) {
    if (!suite.passed) {
      reasons.push(
        suite.threshold === undefined
          ? `suite ${suite.name}: ${suite.counts.cases - suite.counts.passed} of ${suite.counts.cases} cases did not pass`
          : `suite ${suite.name}: pass rate ${percent(suite.passRate)} is below its threshold ${percent(suite.threshold)}`,
      );
    }
    if ((options.failOnError ?? true) && suite.counts.errored > 0) {
      const ids = suite.cases.filter((testCase) => testCase.status === 'error').map((testCase) => testCase.caseId);
      reasons.push(
        `suite ${suite.name}: ${suite.counts.errored} case(s) errored${ids.length ? ` (${ids.join(', ')})` : ''}`,
      );
    }
  }
  return { passed: reasons.length === 0, reasons };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
