import { describe, expect, it } from 'vitest';
import { makeReportFixture } from '../test-utils/make-report-fixture.js';
import { PR_COMMENT_LIMIT, PR_COMMENT_MARKER, renderPrComment } from './render-pr-comment.js';

describe('renderPrComment', () => {
  it('starts with the marker, has the suite table and collapses the failing cases', () => {
    const report = makeReportFixture({ suites: 2, casesPerSuite: 20, failRate: 0.3 });
    const comment = renderPrComment(report);
    expect(comment.startsWith(`${PR_COMMENT_MARKER}\n### agent-cicd:`)).toBe(true);
    expect(comment).toContain('| suite-0 |');
    expect(comment).toMatch(/<details><summary>Failing cases \(\d+\)<\/summary>/);
    expect(comment.match(/<details>/g)?.length).toBe(comment.match(/<\/details>/g)?.length);
  });

  it('stays within 65,536 characters for a huge run, counting the rows it leaves out', () => {
    const report = makeReportFixture({ suites: 40, casesPerSuite: 1000, failRate: 0.5, responseExtra: 'y'.repeat(50) });
    const baseline = makeReportFixture({ suites: 40, casesPerSuite: 1000, failRate: 0, errorRate: 0 });
    const gateMarkdown = `### Gate decision\n\n${'| row | x |\n'.repeat(5000)}`;
    const comment = renderPrComment(report, { baseline, gateMarkdown, gateAction: 'ROLLBACK' });
    expect(comment.length).toBeLessThanOrEqual(PR_COMMENT_LIMIT);
    expect(comment.length).toBeGreaterThan(PR_COMMENT_LIMIT / 2);
    expect(comment).toMatch(/… \d+ more failing cases/);
    expect(comment).toMatch(/Flipped since the baseline: \d+ regressed, 0 fixed/);
    expect(comment.match(/<details>/g)?.length).toBe(comment.match(/<\/details>/g)?.length);
    expect(comment).toContain('gate **ROLLBACK**');
  });

  it("the title's icon follows the gate's decision, not only the thresholds", () => {
    const report = makeReportFixture({ suites: 1, casesPerSuite: 5, failRate: 0, errorRate: 0 });
    expect(renderPrComment(report, { gateAction: 'HOLD' })).toContain('### agent-cicd: ⏸️ gate **HOLD**');
    expect(renderPrComment(report, { gateAction: 'ROLLBACK' })).toContain('### agent-cicd: ❌ gate **ROLLBACK**');
    expect(renderPrComment(report, { gateAction: 'PROMOTE' })).toContain('### agent-cicd: ✅ gate **PROMOTE**');
  });

  it('escapes markup and pipes from case data', () => {
    const report = makeReportFixture({ suites: 1, casesPerSuite: 3, failRate: 1, errorRate: 0 });
    const first = report.suites[0]?.cases[0];
    if (!first) throw new Error('fixture');
    first.violations = [{ check: 'keyword', message: '<img src=x onerror=alert(1)> | pipe', severity: 'failure' }];
    const comment = renderPrComment(report);
    expect(comment).toContain('&lt;img src=x onerror=alert(1)&gt; \\| pipe');
    expect(comment).not.toContain('<img');
  });
});
