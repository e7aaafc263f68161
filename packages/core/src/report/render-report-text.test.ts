import { describe, expect, it } from 'vitest';
import { makeReportFixture } from '../test-utils/make-report-fixture.js';
import { renderReportText } from './render-report-text.js';

describe('renderReportText', () => {
  const report = makeReportFixture({
    suites: 3,
    casesPerSuite: 30,
    failRate: 0.2,
    errorRate: 0.05,
    responseExtra: ' '.padEnd(300, 'x'),
  });

  it('lists errors, then failures, before anything that passed, within 100 columns', () => {
    const text = renderReportText(report);
    const lines = text.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    const failuresAt = lines.findIndex((line) => line.startsWith('Failures ('));
    const passedAt = lines.findIndex((line) => line.startsWith('Passed:'));
    expect(failuresAt).toBeGreaterThan(0);
    expect(passedAt).toBeGreaterThan(failuresAt);
    const marks = lines
      .slice(failuresAt + 1, passedAt)
      .flatMap((line) => (/^ {2}(ERROR|FAIL) /.exec(line) ?? []).slice(1));
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.indexOf('FAIL')).toBeGreaterThan(marks.lastIndexOf('ERROR'));
    expect(text).toMatch(/- keyword: the response does not contain "refund"/);
  });

  it('marks cases that flipped against a baseline', () => {
    const baseline = makeReportFixture({ suites: 3, casesPerSuite: 30, failRate: 0, errorRate: 0 });
    const text = renderReportText(report, { baseline });
    expect(text).toMatch(/Against the baseline: [1-9]\d* cases regressed, 0 fixed/);
    expect(text).toMatch(/\(was passed\)/);
  });

  it('keeps to a narrower width and caps the failures listed', () => {
    const text = renderReportText(report, { width: 60, maxFailures: 3 });
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(60);
    expect(text).toMatch(/… \d+ more failing cases/);
  });
});
