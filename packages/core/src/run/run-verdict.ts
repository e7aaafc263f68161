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
 * `failOnError: false`), and the run is complete (not interrupted or over budget). Skipped cases (`--no-judge`
 * on cases with only model-graded checks) never count as passed: a suite is judged on its evaluated cases, and a
 * suite where every case was skipped fails the run — nothing was verified (docs/decisions.md: skipped cases).
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
    const skipped = suite.counts.skipped ?? 0;
    if (suite.counts.cases > 0 && skipped === suite.counts.cases) {
      reasons.push(
        `suite ${suite.name}: all ${skipped} case(s) were skipped (judge skipped with --no-judge, nothing else to check): nothing was evaluated`,
      );
    } else if (!suite.passed) {
      reasons.push(
        suite.threshold === undefined
          ? `suite ${suite.name}: ${suite.counts.cases - skipped - suite.counts.passed} of ${suite.counts.cases - skipped} ${skipped > 0 ? 'evaluated ' : ''}cases did not pass`
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
