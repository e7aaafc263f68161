import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CaseResult, type RunReport, RunReportSchema, type SuiteResult } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { parseRunReportText } from './load-run-report.js';

const file = fileURLToPath(new URL('../../../../examples/support-agent/baseline/report.json', import.meta.url));
const base = (): Record<string, any> => JSON.parse(readFileSync(file, 'utf8'));
const parse = (report: unknown): unknown => parseRunReportText(JSON.stringify(report, null, 2), 'report.json');

describe('the gate refuses an inconsistent report', () => {
  it('accepts the consistent baseline', () => {
    expect(() => parse(base())).not.toThrow();
  });

  it('refuses more passes than cases or trials, with a located one-line error', () => {
    const report = base();
    report.suites[0].counts.passed = report.suites[0].counts.trials + 5;
    expect(() => parse(report)).toThrow(/inconsistent run report: suite ".*" counts/);
    try {
      parse(report);
    } catch (error) {
      expect((error as { location?: { path?: string; line?: number } }).location).toMatchObject({
        path: 'suites[0].counts',
      });
      expect((error as { location?: { line?: number } }).location?.line).toBeGreaterThan(1);
    }
  });

  it('refuses counts that disagree with the case list, a case whose status contradicts its trials, wrong totals', () => {
    const dropped = base();
    dropped.suites[0].cases.pop();
    expect(() => parse(dropped)).toThrow(/its case list has/);
    const flipped = base();
    const failing = flipped.suites.flatMap((s: any) => s.cases).find((c: any) => c.status !== 'passed');
    if (failing) {
      failing.status = 'passed';
      failing.passed = true;
      expect(() => parse(flipped)).toThrow(/but its trials make it/);
    }
    const totals = base();
    totals.totals.counts.passed += 1;
    expect(() => parse(totals)).toThrow(/the totals count/);
  });
});

describe('skipped cases (--no-judge) in a report', () => {
  /** The baseline with its first case's trials marked skipped, re-counted the way the runner counts them. */
  const withSkipped = (): RunReport => {
    const report = RunReportSchema.parse(base());
    const suite = report.suites[0] as SuiteResult;
    const item = suite.cases[0] as CaseResult;
    const before = item.status;
    const passedBefore = item.trials.filter((trial) => trial.status === 'passed').length;
    for (const trial of item.trials)
      Object.assign(trial, { status: 'skipped', violations: [], skippedChecks: ['judge'] });
    Object.assign(item, { status: 'skipped', passed: false, passRate: 0, violations: [], skipReason: 'judge skipped' });
    const k = item.trials.length;
    for (const counts of [suite.counts, report.totals.counts]) {
      if (before === 'passed') counts.passed -= 1;
      else if (before === 'failed') counts.failed -= 1;
      else counts.errored -= 1;
      counts.skipped = 1;
      counts.skippedTrials = k;
    }
    const passedTrials = Math.round(suite.passRate * suite.counts.trials) - passedBefore;
    suite.passRate = passedTrials / (suite.counts.trials - k);
    return report;
  };
  const first = (report: RunReport): SuiteResult => report.suites[0] as SuiteResult;

  it('accepts a consistent report with a skipped case (pass rates over evaluated trials)', () => {
    expect(() => parse(withSkipped())).not.toThrow();
  });

  it('refuses a skipped case counted as passed, and skipped counts that disagree with the case list', () => {
    const asPassed = withSkipped();
    Object.assign(first(asPassed).cases[0] as CaseResult, { status: 'passed', passed: true });
    expect(() => parse(asPassed)).toThrow(/is passed, but its trials make it skipped/);
    const uncounted = withSkipped();
    first(uncounted).counts.skipped = 0;
    first(uncounted).counts.passed += 1;
    expect(() => parse(uncounted)).toThrow(/counts \d+ passed, its case list has/);
    const totals = withSkipped();
    delete totals.totals.counts.skippedTrials;
    expect(() => parse(totals)).toThrow(/the totals count 0 skippedTrials, the suites \d+/);
  });
});
