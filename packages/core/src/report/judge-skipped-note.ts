import type { RunReport } from '../schema/report.js';
import { reportCells } from './report-cells.js';

/**
 * The one sentence every view of a report (terminal, PR comment, HTML, the Vitest summary) shows when the run
 * skipped the judge (`--no-judge`): how many cases were not evaluated at all (`skipped`) and how many were
 * evaluated without the model-graded checks. Undefined when the judge ran.
 */
export function judgeSkippedNote(report: RunReport): string | undefined {
  if (!report.options?.skipJudge) return undefined;
  let skipped = 0;
  let partial = 0;
  for (const cell of reportCells(report)) {
    for (const suite of cell.suites) {
      skipped += suite.counts.skipped ?? 0;
      partial += suite.cases.filter((c) => c.status !== 'skipped' && (c.skippedChecks?.length ?? 0) > 0).length;
    }
  }
  const evaluatedWithout = partial > 0 ? `, ${partial} evaluated without the model-graded checks` : '';
  return `judge skipped (--no-judge): ${skipped} case${skipped === 1 ? '' : 's'} skipped (not evaluated, not passed)${evaluatedWithout}`;
}
