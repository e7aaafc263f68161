import type { RunReport } from '@agent-cicd/core';

/** Where a report contradicts itself, and how. */
export interface ReportInconsistency {
  path: Array<string | number>;
  message: string;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6;

/**
 * The first place a (schema-valid) run report contradicts itself: a case whose status disagrees with its trials
 * or its `passed` flag, a pass rate that is not passed trials ÷ trials, suite counts that disagree with the case
 * list (more passes than cases or trials, counts that do not add up), totals that are not the sum of the suites.
 * A gate must not decide on such a report: it was edited, merged wrongly or written by a broken tool.
 */
export function checkReportConsistency(report: RunReport): ReportInconsistency | undefined {
  const totals = { cases: 0, passed: 0, failed: 0, errored: 0, trials: 0 };
  for (const [s, suite] of report.suites.entries()) {
    const at = (...rest: Array<string | number>): Array<string | number> => ['suites', s, ...rest];
    const counted = { cases: 0, passed: 0, failed: 0, errored: 0, trials: 0 };
    let passedTrials = 0;
    for (const [c, item] of suite.cases.entries()) {
      const passes = item.trials.filter((trial) => trial.status === 'passed').length;
      const expected = item.trials.some((trial) => trial.status === 'error')
        ? 'error'
        : passes === item.trials.length
          ? 'passed'
          : 'failed';
      if (item.status !== expected) {
        return {
          path: at('cases', c, 'status'),
          message: `case "${item.caseId}" is ${item.status}, but its trials make it ${expected}`,
        };
      }
      if (item.passed !== (item.status === 'passed')) {
        return {
          path: at('cases', c, 'passed'),
          message: `case "${item.caseId}" has passed: ${item.passed} with status ${item.status}`,
        };
      }
      if (!close(item.passRate, passes / item.trials.length)) {
        return {
          path: at('cases', c, 'passRate'),
          message: `case "${item.caseId}" has pass rate ${item.passRate}, but ${passes} of its ${item.trials.length} trials passed`,
        };
      }
      counted.cases++;
      counted.trials += item.trials.length;
      passedTrials += passes;
      if (item.status === 'passed') counted.passed++;
      else if (item.status === 'failed') counted.failed++;
      else counted.errored++;
    }
    const counts = suite.counts;
    if (counts.passed + counts.failed + counts.errored !== counts.cases) {
      return {
        path: at('counts'),
        message: `suite "${suite.name}" counts ${counts.passed} passed + ${counts.failed} failed + ${counts.errored} errors, which is not its ${counts.cases} cases`,
      };
    }
    if (counts.passed > counts.cases || counts.cases > counts.trials) {
      return {
        path: at('counts'),
        message: `suite "${suite.name}" counts ${counts.passed} passed of ${counts.cases} cases in ${counts.trials} trials`,
      };
    }
    for (const key of ['cases', 'passed', 'failed', 'errored', 'trials'] as const) {
      if (counts[key] !== counted[key]) {
        return {
          path: at('counts', key),
          message: `suite "${suite.name}" counts ${counts[key]} ${key}, its case list has ${counted[key]}`,
        };
      }
      totals[key] += counts[key];
    }
    if (counted.trials > 0 && !close(suite.passRate, passedTrials / counted.trials)) {
      return {
        path: at('passRate'),
        message: `suite "${suite.name}" has pass rate ${suite.passRate}, but ${passedTrials} of its ${counted.trials} trials passed`,
      };
    }
  }
  for (const key of ['cases', 'passed', 'failed', 'errored', 'trials'] as const) {
    if (report.totals.counts[key] !== totals[key]) {
      return {
        path: ['totals', 'counts', key],
        message: `the totals count ${report.totals.counts[key]} ${key}, the suites ${totals[key]}`,
      };
    }
  }
  return undefined;
}
