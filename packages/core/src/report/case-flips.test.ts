import { describe, expect, it } from 'vitest';
import { makeReportFixture } from '../test-utils/make-report-fixture.js';
import { caseFlips } from './case-flips.js';

describe('caseFlips', () => {
  it('finds passed → failed and failed → passed by suite and case id, regressions first', () => {
    const baseline = makeReportFixture({ suites: 1, casesPerSuite: 3, failRate: 0, errorRate: 0 });
    const candidate = structuredClone(baseline);
    const [a, b] = candidate.suites[0]?.cases ?? [];
    if (!a || !b) throw new Error('fixture');
    a.status = 'failed';
    const base = baseline.suites[0]?.cases[1];
    if (!base) throw new Error('fixture');
    base.status = 'error';
    const flips = caseFlips(baseline, candidate);
    expect(flips).toEqual([
      {
        cell: '',
        suite: 'suite-0',
        caseId: 'case-0-0',
        baseline: 'passed',
        candidate: 'failed',
        direction: 'regressed',
      },
      { cell: '', suite: 'suite-0', caseId: 'case-0-1', baseline: 'error', candidate: 'passed', direction: 'fixed' },
    ]);
    expect(b.status).toBe('passed');
  });

  it('ignores cases missing on one side and status changes between failed and error', () => {
    const baseline = makeReportFixture({ suites: 1, casesPerSuite: 2, failRate: 1, errorRate: 0 });
    const candidate = structuredClone(baseline);
    const first = candidate.suites[0]?.cases[0];
    if (!first) throw new Error('fixture');
    first.status = 'error';
    first.caseId = 'renamed';
    expect(caseFlips(baseline, candidate)).toEqual([]);
  });
});
