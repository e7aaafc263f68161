import { describe, expect, it } from 'vitest';
import { CaseResultSchema, RunReportSchema, SuiteResultSchema } from '../schema/report.js';
import { makeCase, makeTrial } from '../test-utils/make-results.js';
import { buildCaseResult } from './build-case-result.js';
import { buildRunReport } from './build-run-report.js';
import { mergeRunReports } from './merge-run-reports.js';
import { summarizeSuite } from './summarize-suite.js';

describe('buildCaseResult', () => {
  it('passes only when every trial passes, and computes pass^k and pass@k', () => {
    const result = makeCase('a', ['passed', 'failed', 'passed', 'passed']);
    expect(CaseResultSchema.parse(result)).toEqual(result);
    expect(result.status).toBe('failed');
    expect(result.passed).toBe(false);
    expect(result.passRate).toBe(0.75);
    expect(result.passHatK).toBe(0);
    expect(result.passAtK).toBe(1);
    expect(result.violations).toEqual([
      { check: 'keyword', message: 'trial 2 of 4: missing keyword "refund"', severity: 'failure' },
    ]);
  });

  it('is an error when any trial errored', () => {
    expect(makeCase('a', ['passed', 'error', 'failed']).status).toBe('error');
    expect(makeCase('a', ['passed']).status).toBe('passed');
  });

  it('shows the first trial that did not pass', () => {
    const result = buildCaseResult({
      caseId: 'x',
      trials: [
        makeTrial({ trial: 0, response: 'good' }),
        makeTrial({ trial: 1, status: 'failed', response: 'bad', toolsCalled: [{ name: 'search', arguments: {} }] }),
      ],
    });
    expect(result.responsePreview).toBe('bad');
    expect(result.toolsCalled).toEqual(['search']);
    expect(result.tokenCount).toBe(15);
  });
});

describe('summarizeSuite', () => {
  it('computes the trial pass rate with a Wilson interval, counts and totals', () => {
    const cases = [makeCase('a', ['passed', 'passed']), makeCase('b', ['passed', 'failed']), makeCase('c', ['error'])];
    const suite = summarizeSuite(cases, { name: 'support', file: 'support.prompt.yaml', threshold: 0.5 });
    expect(SuiteResultSchema.parse(suite)).toEqual(suite);
    expect(suite.passRate).toBe(3 / 5);
    expect(suite.interval.low).toBeLessThan(0.6);
    expect(suite.interval.high).toBeGreaterThan(0.6);
    expect(suite.interval).toMatchObject({ confidence: 0.95, method: 'wilson' });
    expect(suite.counts).toEqual({ cases: 3, passed: 1, failed: 1, errored: 1, trials: 5 });
    expect(suite.tokens).toEqual({ input: 50, output: 25 });
    expect(suite.passed).toBe(true);
  });

  it('without a threshold, passes only when every case passed', () => {
    expect(summarizeSuite([makeCase('a', ['passed'])], { name: 's' }).passed).toBe(true);
    expect(summarizeSuite([makeCase('a', ['passed']), makeCase('b', ['failed'])], { name: 's' }).passed).toBe(false);
    expect(summarizeSuite([], { name: 's' }).passed).toBe(false);
  });
});

describe('buildRunReport and mergeRunReports', () => {
  const startedAt = new Date('2026-01-01T00:00:00Z');

  it('builds a valid report with totals', () => {
    const suite = summarizeSuite([makeCase('a', ['passed']), makeCase('b', ['failed'])], { name: 's' });
    const report = buildRunReport({ suites: [suite], status: 'complete', startedAt, durationMs: 5, runId: 'r1' });
    expect(RunReportSchema.parse(report)).toEqual(report);
    expect(report.totals).toMatchObject({ passRate: 0.5, durationMs: 5, counts: { cases: 2, passed: 1 } });
    expect(report.createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('merges shards suite by suite and keeps the weakest status', () => {
    const shard = (cases: ReturnType<typeof makeCase>[], status: 'complete' | 'incomplete', durationMs: number) =>
      buildRunReport({
        suites: [summarizeSuite(cases, { name: 's', file: 's.prompt.yaml', threshold: 0.5 })],
        status,
        startedAt,
        durationMs,
        runId: 'r',
      });
    const merged = mergeRunReports([
      shard([makeCase('a', ['passed']), makeCase('b', ['failed'])], 'complete', 10),
      shard([makeCase('c', ['passed'])], 'incomplete', 20),
    ]);
    expect(merged.suites).toHaveLength(1);
    expect(merged.suites[0]?.cases.map((c) => c.caseId)).toEqual(['a', 'b', 'c']);
    expect(merged.suites[0]?.passRate).toBeCloseTo(2 / 3);
    expect(merged.status).toBe('incomplete');
    expect(merged.totals.durationMs).toBe(20);
    expect(() => mergeRunReports([])).toThrow(/no reports/);
  });
});
