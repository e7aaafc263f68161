import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../run/build-run-report.js';
import { summarizeSuite } from '../run/summarize-suite.js';
import type { RunReport } from '../schema/report.js';
import { makeCase } from '../test-utils/make-results.js';
import { caseFlips } from './case-flips.js';
import { htmlCases } from './html-report-data.js';
import { judgeSkippedNote } from './judge-skipped-note.js';
import { renderHtmlReport } from './render-html-report.js';
import { renderJunit } from './render-junit.js';
import { renderPrComment } from './render-pr-comment.js';
import { renderReportText } from './render-report-text.js';

const startedAt = new Date('2026-01-01T00:00:00Z');

/** A `--no-judge` run: one case skipped, one evaluated without its rubric, one failed. */
function noJudgeReport(): RunReport {
  const partial = makeCase('keyword-and-rubric', ['passed'], { skippedChecks: ['factuality'] });
  const cases = [
    makeCase('tone', ['skipped']),
    partial,
    makeCase('refund', ['failed'], { skippedChecks: ['closedQa'] }),
  ];
  return buildRunReport({
    suites: [summarizeSuite(cases, { name: 'support', threshold: 0.5 })],
    status: 'complete',
    startedAt,
    durationMs: 10,
    runId: 'nojudge',
    options: { skipJudge: true },
  });
}

const note =
  'judge skipped (--no-judge): 1 case skipped (not evaluated, not passed), 2 evaluated without the model-graded checks';

describe('views of a run with the judge skipped', () => {
  const report = noJudgeReport();

  it('one note says how many cases were skipped; none without --no-judge', () => {
    expect(judgeSkippedNote(report)).toBe(note);
    expect(judgeSkippedNote({ ...report, options: undefined })).toBeUndefined();
  });

  it('report show: the note, the skipped count per suite, skipped cases apart from failures', () => {
    const text = renderReportText(report, { width: 200 });
    expect(text).toContain(note);
    expect(text).toContain('3 cases: 1 passed, 1 failed, 0 errors, 1 skipped');
    expect(text).toContain('Failures (1)');
    expect(text).not.toContain('unrun (judge skipped): factuality'); // a passing case is not listed
    expect(text).toContain('    unrun (judge skipped): closedQa');
    expect(text).toContain('Skipped, not evaluated (1)');
    expect(text).toContain(
      'SKIP support / tone: judge skipped (--no-judge): the case has only model-graded checks (unrun: judge)',
    );
  });

  it('JUnit: <skipped message=…/> and skipped counts', () => {
    const xml = renderJunit(report);
    expect(xml).toContain(
      '<skipped message="judge skipped (--no-judge): the case has only model-graded checks (unrun: judge)"/>',
    );
    expect(xml).toMatch(/<testsuite name="support" tests="3" failures="1" errors="0" skipped="1"/);
    expect(xml).toContain('unrun (judge skipped): closedQa');
    expect(xml).toMatch(/<testsuites [^>]*tests="3" failures="1" errors="0" skipped="1"/);
  });

  it('PR comment: the note, skipped in the suite row, not among the failing cases', () => {
    const comment = renderPrComment(report);
    expect(comment).toContain(`⏭️ **${note}**`);
    expect(comment).toContain('| 1/3 (1 skipped) |');
    expect(comment).toContain('Failing cases (1)');
    expect(comment).toContain('Skipped cases, not evaluated (1)');
    expect(comment).toContain('| ⏭️ | support | tone | judge |');
  });

  it('HTML: a skipped card and filter, the note, skip reasons in the data', () => {
    const html = renderHtmlReport(report);
    expect(html).toContain('skipped (no judge)');
    expect(html).toContain('data-status="skipped"');
    expect(html).toContain('id="judge-skipped"');
    expect(html).toContain('Failing (1)');
    const [first, second, third] = htmlCases(report);
    expect([first?.status, second?.status, third?.status]).toEqual(['failed', 'skipped', 'passed']);
    expect(second?.skipReason).toBe('judge skipped (--no-judge): the case has only model-graded checks');
    expect(third?.skippedChecks).toEqual(['factuality']);
  });

  it('a case skipped on either side is not a flip', () => {
    const judged = buildRunReport({
      suites: [summarizeSuite([makeCase('tone', ['failed']), makeCase('refund', ['passed'])], { name: 'support' })],
      status: 'complete',
      startedAt,
    });
    expect(caseFlips(judged, report).map((flip) => flip.caseId)).toEqual(['refund']);
    expect(caseFlips(report, judged).map((flip) => flip.caseId)).toEqual(['refund']);
  });
});
