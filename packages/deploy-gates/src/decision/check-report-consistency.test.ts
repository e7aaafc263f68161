import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
