import { describe, expect, it } from 'vitest';
import type { CaseStatus, RunReport } from '../schema/report.js';
import { makeCase } from '../test-utils/make-results.js';
import { buildRunReport } from './build-run-report.js';
import { runVerdict } from './run-verdict.js';
import { summarizeSuite } from './summarize-suite.js';

/** One suite `s` whose cases c0, c1, … have these statuses (one trial each). */
function makeReport(statuses: CaseStatus[], threshold?: number): RunReport {
  const cases = statuses.map((status, index) => makeCase(`c${index}`, [status]));
  const suite = summarizeSuite(cases, { name: 's', ...(threshold === undefined ? {} : { threshold }) });
  return buildRunReport({ suites: [suite], status: 'complete', startedAt: new Date(0), durationMs: 1 });
}

describe('runVerdict: the one rule for "did this run pass"', () => {
  it('fails on a suite below its threshold, on an errored case even above it, and on an incomplete run', () => {
    expect(runVerdict(makeReport(['passed', 'passed']))).toEqual({ passed: true, reasons: [] });
    expect(runVerdict(makeReport(['passed', 'error'], 0.5))).toEqual({
      passed: false,
      reasons: ['suite s: 1 case(s) errored (c1)'],
    });
    expect(runVerdict(makeReport(['passed', 'error'], 0.5), { failOnError: false }).passed).toBe(true);
    expect(runVerdict(makeReport(['passed', 'failed'])).reasons).toEqual(['suite s: 1 of 2 cases did not pass']);
    expect(
      runVerdict({ ...makeReport(['passed']), status: 'budget_exceeded', statusReason: 'max cost' }).reasons,
    ).toEqual(['the run is budget exceeded (max cost)']);
  });
});
