import { describe, expect, it } from 'vitest';
import { makeCase } from '../test-utils/make-report.js';
import { DETAILED_FAILURES, describeGroupFailure } from './describe-group-failure.js';

describe('describeGroupFailure', () => {
  it('names each case that did not pass with its file:line, status and violations', () => {
    const message = describeGroupFailure(
      [
        { result: makeCase('c3', ['failed']), location: 'bench.suite.yaml:7' },
        { result: makeCase('c7', ['error']), location: 'bench.suite.yaml:11' },
      ],
      10,
    );
    expect(message.split('\n')).toEqual([
      '2 of 10 cases did not pass: c3, c7',
      'bench.suite.yaml:7: case c3 failed',
      '  - expected tool "lookup_order" was not called',
      '  tools called: (none)',
      '  response: "Sorry, I cannot help with that."',
      'bench.suite.yaml:11: case c7 error',
      '  - the model call failed: rate limited',
      '  tools called: (none)',
      '  response: "Sorry, I cannot help with that."',
    ]);
  });

  it('describes the first cases in full and the rest in one line each', () => {
    const failures = Array.from({ length: DETAILED_FAILURES + 2 }, (_, i) => ({
      result: makeCase(`c${i}`, ['failed']),
      location: `s.yaml:${i + 1}`,
    }));
    const lines = describeGroupFailure(failures, 100).split('\n');
    expect(lines[0]).toBe(
      `${DETAILED_FAILURES + 2} of 100 cases did not pass: ${failures.map((f) => f.result.caseId).join(', ')}`,
    );
    expect(lines.slice(-2)).toEqual([
      `s.yaml:${DETAILED_FAILURES + 1}: case c${DETAILED_FAILURES} failed — expected tool "lookup_order" was not called`,
      `s.yaml:${DETAILED_FAILURES + 2}: case c${DETAILED_FAILURES + 1} failed — expected tool "lookup_order" was not called`,
    ]);
  });
});
