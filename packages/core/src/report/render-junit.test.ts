import { describe, expect, it } from 'vitest';
import { makeReportFixture } from '../test-utils/make-report-fixture.js';
import { renderJunit } from './render-junit.js';

describe('renderJunit', () => {
  it('writes one testsuite per suite and one testcase per case, failures and errors counted', () => {
    const report = makeReportFixture({ suites: 2, casesPerSuite: 40, failRate: 0.2, errorRate: 0.05 });
    const xml = renderJunit(report);
    const failed = report.suites.flatMap((s) => s.cases).filter((c) => c.status === 'failed').length;
    const errored = report.suites.flatMap((s) => s.cases).filter((c) => c.status === 'error').length;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).toContain(`tests="80" failures="${failed}" errors="${errored}"`);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(80);
    expect(xml.match(/<failure /g)).toHaveLength(failed);
    expect(xml.match(/<error /g)).toHaveLength(errored);
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const report = makeReportFixture({
      suites: 1,
      casesPerSuite: 5,
      failRate: 1,
      errorRate: 0,
      responseExtra: ' <b>&"x"</b>\u0001',
    });
    const xml = renderJunit(report);
    expect(xml).toContain('&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toMatch(/<b>/);
  });
});
