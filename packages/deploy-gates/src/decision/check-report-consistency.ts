import { caseStatusOf, type RunReport, trialPassRate } from '@agent-cicd/core';

/** Where a report contradicts itself, and how. */
export interface ReportInconsistency {
  path: Array<string | number>;
  message: string;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6;
const countKeys = ['cases', 'passed', 'failed', 'errored', 'skipped', 'trials', 'skippedTrials'] as const;

/**
 * The first place a (schema-valid) run report contradicts itself: a case whose status disagrees with its trials
 * (`caseStatusOf`) or its `passed` flag, a pass rate that is not passed trials ÷ evaluated (not skipped) trials, suite counts that disagree with the case
 * list (more passes than cases or trials, counts that do not add up), totals that are not the sum of the suites.
 * A gate must not decide on such a report: it was edited, merged wrongly or written by a broken tool.
 */
export function checkReportConsistency(report: RunReport): ReportInconsistency | undefined {
  const totals = { cases: 0, passed: 0, failed: 0, errored: 0, skipped: 0, trials: 0, skippedTrials: 0 };
  for (const [s, suite] of report.suites.entries()) {
    const at = (...rest: Array<string | number>): Array<string | number> => ['suites', s, ...rest];
    const counted = { cases: 0, passed: 0, failed: 0, errored: 0, skipped: 0, trials: 0, skippedTrials: 0 };
    let passedTrials = 0;
    for (const [c, item] of suite.cases.entries()) {
      const passes = item.trials.filter((trial) => trial.status === 'passed').length;
      const skippedTrials = item.trials.filter((trial) => trial.status === 'skipped').length;
      // The one rule the runner folds trials with (a skipped trial never makes a pass).
      const expected = caseStatusOf(item.trials);
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
      if (!close(item.passRate, trialPassRate(item.trials))) {
        return {
          path: at('cases', c, 'passRate'),
          message: `case "${item.caseId}" has pass rate ${item.passRate}, but ${passes} of its ${item.trials.length - skippedTrials} evaluated trials passed`,
        };
      }
      counted.cases++;
      counted.trials += item.trials.length;
      counted.skippedTrials += skippedTrials;
      passedTrials += passes;
      if (item.status === 'passed') counted.passed++;
      else if (item.status === 'failed') counted.failed++;
      else if (item.status === 'skipped') counted.skipped++;
      else counted.errored++;
    }
    const counts = {
      ...suite.counts,
      skipped: suite.counts.skipped ?? 0,
      skippedTrials: suite.counts.skippedTrials ?? 0,
    };
    if (counts.passed + counts.failed + counts.errored + counts.skipped !== counts.cases) {
      return {
        path: at('counts'),
        message: `suite "${suite.name}" counts ${counts.passed} passed + ${counts.failed} failed + ${counts.errored} errors + ${counts.skipped} skipped, which is not its ${counts.cases} cases`,
      };
    }
    if (counts.skippedTrials > counts.trials) {
      return {
        path: at('counts', 'skippedTrials'),
        message: `suite "${suite.name}" counts ${counts.skippedTrials} skipped trials of ${counts.trials}`,
      };
    }
    if (counts.passed > counts.cases || counts.cases > counts.trials) {
      return {
        path: at('counts'),
        message: `suite "${suite.name}" counts ${counts.passed} passed of ${counts.cases} cases in ${counts.trials} trials`,
      };
    }
    for (const key of countKeys) {
      if (counts[key] !== counted[key]) {
        return {
          path: at('counts', key),
          message: `suite "${suite.name}" counts ${counts[key]} ${key}, its case list has ${counted[key]}`,
        };
      }
      totals[key] += counts[key];
    }
    const evaluated = counted.trials - counted.skippedTrials;
    if (evaluated > 0 && !close(suite.passRate, passedTrials / evaluated)) {
      return {
        path: at('passRate'),
        message: `suite "${suite.name}" has pass rate ${suite.passRate}, but ${passedTrials} of its ${evaluated} evaluated trials passed`,
      };
    }
  }
  for (const key of countKeys) {
    const value = report.totals.counts[key] ?? 0;
    if (value !== totals[key]) {
      return {
        path: ['totals', 'counts', key],
        message: `the totals count ${value} ${key}, the suites ${totals[key]}`,
      };
    }
  }
  return undefined;
}
