import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckSchema } from '../checks/check-schema.js';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { RunReportSchema } from '../schema/report.js';
import { makeCase } from '../test-utils/make-results.js';
import { makeRunContext } from '../test-utils/make-run-context.js';
import { buildRunReport } from './build-run-report.js';
import { caseStatusOf, trialPassRate } from './case-status-of.js';
import { mergeRunReports } from './merge-run-reports.js';
import type { RunnableCase } from './run-case.js';
import { runSuite, type SuiteToRun } from './run-suite.js';
import { runVerdict } from './run-verdict.js';
import { summarizeSuite } from './summarize-suite.js';

const startedAt = new Date('2026-01-01T00:00:00Z');
const llm = () => createMockLlm([{ respond: 'Your refund was issued.' }], { sleep: async () => {} });

/** A judge-only case, a case with a keyword besides its judge check, and a plain keyword case. */
const mixed = (cases: RunnableCase[] = []): SuiteToRun => ({
  suite: {
    name: 'support',
    cases: [
      { id: 'judge-only', userInput: 'refund?', expectedBehavior: 'explains the refund' },
      {
        id: 'rubric-and-keyword',
        userInput: 'refund?',
        checks: [CheckSchema.parse({ type: 'factuality', value: 'refund issued' })],
        expectedResponseKeywords: ['refund'],
      },
      { id: 'keyword', userInput: 'refund?', expectedResponseKeywords: ['refund'] },
      ...cases,
    ],
  },
  file: 'support.prompt.yaml',
});

describe('caseStatusOf', () => {
  it('error over failed over skipped over passed; a skipped trial never makes a pass', () => {
    expect(caseStatusOf([{ status: 'passed' }, { status: 'skipped' }])).toBe('skipped');
    expect(caseStatusOf([{ status: 'skipped' }, { status: 'failed' }])).toBe('failed');
    expect(caseStatusOf([{ status: 'failed' }, { status: 'error' }])).toBe('error');
    expect(caseStatusOf([{ status: 'passed' }, { status: 'passed' }])).toBe('passed');
    expect(trialPassRate([{ status: 'passed' }, { status: 'skipped' }, { status: 'failed' }])).toBe(0.5);
    expect(trialPassRate([{ status: 'skipped' }])).toBe(0);
  });
});

describe('skipped cases (--no-judge)', () => {
  it('runSuite with skipJudge: the judge-only case is skipped, the others evaluated; the report records it', async () => {
    const report = await runSuite({
      suites: [mixed()],
      context: { ...makeRunContext({ llm: llm() }), skipJudge: true },
    });
    expect(RunReportSchema.parse(report)).toEqual(report);
    expect(report.options).toEqual({ skipJudge: true });
    const [judgeOnly, both, keyword] = report.suites[0]?.cases ?? [];
    expect(judgeOnly).toMatchObject({
      status: 'skipped',
      passed: false,
      passRate: 0,
      skippedChecks: ['judge'],
      skipReason: 'judge skipped (--no-judge): the case has only model-graded checks',
    });
    expect(judgeOnly?.trials[0]).toMatchObject({ status: 'skipped', skippedChecks: ['judge'] });
    expect(both).toMatchObject({ status: 'passed', skippedChecks: ['factuality'] });
    expect(both?.skipReason).toBeUndefined();
    expect(keyword?.skippedChecks).toBeUndefined();
    const suite = report.suites[0];
    expect(suite?.counts).toEqual({
      cases: 3,
      passed: 2,
      failed: 0,
      errored: 0,
      skipped: 1,
      trials: 3,
      skippedTrials: 1,
    });
    expect(suite?.passRate).toBe(1);
    expect(suite?.passed).toBe(true);
    expect(report.totals.counts).toMatchObject({ skipped: 1, skippedTrials: 1 });
    expect(runVerdict(report)).toEqual({ passed: true, reasons: [] });
  });

  it('without skipJudge nothing is skipped and no option is recorded', async () => {
    const report = await runSuite({
      suites: [{ ...mixed(), suite: { ...mixed().suite, cases: mixed().suite.cases.slice(2) } }],
      context: makeRunContext({ llm: llm() }),
    });
    expect(report.options).toBeUndefined();
    expect(report.suites[0]?.counts.skipped).toBeUndefined();
  });

  it('a suite whose every case was skipped does not pass: the run verdict says nothing was evaluated', async () => {
    const onlyJudge: SuiteToRun = { suite: { name: 'tone', cases: [mixed().suite.cases[0] as RunnableCase] } };
    const report = await runSuite({
      suites: [onlyJudge],
      context: { ...makeRunContext({ llm: llm() }), skipJudge: true },
    });
    expect(report.suites[0]?.passed).toBe(false);
    expect(report.totals.passRate).toBe(0);
    expect(runVerdict(report)).toEqual({
      passed: false,
      reasons: [
        'suite tone: all 1 case(s) were skipped (judge skipped with --no-judge, nothing else to check): nothing was evaluated',
      ],
    });
  });

  it('pass rates and thresholds count evaluated trials only', () => {
    const cases = [makeCase('a', ['passed']), makeCase('b', ['failed']), makeCase('c', ['skipped', 'skipped'])];
    const suite = summarizeSuite(cases, { name: 's', threshold: 0.5 });
    expect(suite.passRate).toBe(0.5);
    expect(suite.counts).toMatchObject({ cases: 3, skipped: 1, trials: 4, skippedTrials: 2 });
    expect(suite.passed).toBe(true);
    const strict = summarizeSuite(cases, { name: 's' });
    expect(strict.passed).toBe(false); // b failed; c being skipped does not help
    const report = buildRunReport({ suites: [suite], status: 'complete', startedAt, durationMs: 1 });
    expect(report.totals.passRate).toBe(0.5);
    expect(runVerdict(buildRunReport({ suites: [strict], status: 'complete', startedAt })).reasons).toEqual([
      'suite s: 1 of 2 evaluated cases did not pass',
    ]);
  });

  it('older reports without the new fields stay readable', () => {
    const report = buildRunReport({
      suites: [summarizeSuite([makeCase('a', ['passed'])], { name: 's' })],
      status: 'complete',
      startedAt,
    });
    const parsed = RunReportSchema.parse(JSON.parse(JSON.stringify(report)));
    expect(parsed.options).toBeUndefined();
    expect(parsed.totals.counts.skipped).toBeUndefined();
  });

  it('report merge refuses shards that differ in skipJudge, naming them, and keeps it when they agree', () => {
    const shard = (skipJudge: boolean, status: 'passed' | 'skipped') =>
      buildRunReport({
        suites: [summarizeSuite([makeCase(`c-${status}`, [status])], { name: 's' })],
        status: 'complete',
        startedAt,
        ...(skipJudge ? { options: { skipJudge } } : {}),
      });
    expect(() =>
      mergeRunReports([shard(false, 'passed'), shard(true, 'skipped')], { names: ['a.json', 'b.json'] }),
    ).toThrow(
      'cannot merge: b.json skipped the judge (--no-judge) and a.json did not; shards of one run are graded alike',
    );
    const merged = mergeRunReports([shard(true, 'passed'), shard(true, 'skipped')]);
    expect(merged.options).toEqual({ skipJudge: true });
    expect(merged.totals.counts).toMatchObject({ cases: 2, passed: 1, skipped: 1 });
  });

  it('a resume with a different --no-judge is refused', async () => {
    const resultsFile = join(mkdtempSync(join(tmpdir(), 'skip-judge-')), 'run.jsonl');
    const suites = [mixed()];
    await runSuite({ suites, context: makeRunContext({ llm: llm() }), resultsFile });
    await expect(
      runSuite({ suites, context: { ...makeRunContext({ llm: llm() }), skipJudge: true }, resultsFile, resume: true }),
    ).rejects.toThrow(/skips the judge \(--no-judge\), the results file was graded by it/);
  });
});
