import { describe, expect, it } from 'vitest';
import { makeCase, makeReport } from '../test-utils/make-report.js';
import { gateVerdict } from './gate-verdict.js';

const base = { otherFailures: [], unhandledErrors: 0, interrupted: false, failOnError: true };

describe('gateVerdict', () => {
  it('passes a suite that meets its threshold although a case failed', () => {
    const report = makeReport([
      {
        name: 'support',
        threshold: 0.75,
        cases: [
          makeCase('a', ['passed']),
          makeCase('b', ['passed']),
          makeCase('c', ['passed']),
          makeCase('d', ['failed']),
        ],
      },
    ]);
    expect(gateVerdict({ ...base, report })).toEqual({ failed: false, reasons: [] });
  });

  it('fails a suite below its threshold and says by how much', () => {
    const report = makeReport([
      { name: 'support', threshold: 0.9, cases: [makeCase('a', ['passed']), makeCase('b', ['failed'])] },
    ]);
    expect(gateVerdict({ ...base, report }).reasons).toEqual([
      'suite support: pass rate 50.0% is below its threshold 90.0%',
    ]);
  });

  it('fails a suite without a threshold on any failed case, like ordinary tests', () => {
    const report = makeReport([{ name: 'plain', cases: [makeCase('a', ['passed']), makeCase('b', ['failed'])] }]);
    expect(gateVerdict({ ...base, report }).reasons).toEqual(['suite plain: 1 of 2 cases did not pass']);
  });

  it('fails on an errored case unless failOnError is off', () => {
    const cases = [makeCase('a', ['passed']), makeCase('b', ['passed']), makeCase('c', ['error'])];
    const report = makeReport([{ name: 'support', threshold: 0.5, cases }]);
    expect(gateVerdict({ ...base, report }).reasons).toEqual(['suite support: 1 case(s) errored (c)']);
    expect(gateVerdict({ ...base, report, failOnError: false }).failed).toBe(false);
  });

  it('fails on failures that are not prompt cases, unhandled errors and interruptions', () => {
    const report = makeReport([{ name: 'support', cases: [makeCase('a', ['passed'])] }]);
    const verdict = gateVerdict({
      ...base,
      report,
      otherFailures: ['src/x.test.ts: adds'],
      unhandledErrors: 2,
      interrupted: true,
    });
    expect(verdict.reasons).toEqual(['failed: src/x.test.ts: adds', '2 unhandled error(s)', 'the run was interrupted']);
  });
});
