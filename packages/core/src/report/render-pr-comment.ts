import type { CaseResult, RunReport } from '../schema/report.js';
import { caseFlips } from './case-flips.js';
import { ms, oneLine, percent, usd } from './format-numbers.js';
import { judgeSkippedNote } from './judge-skipped-note.js';
import { cellLabel, reportCells } from './report-cells.js';

/** Marks the one comment agent-cicd keeps updated on a pull request. */
export const PR_COMMENT_MARKER = '<!-- agent-cicd-report -->';

/** GitHub's limit on a comment body. */
export const PR_COMMENT_LIMIT = 65_536;

export interface RenderPrCommentOptions {
  baseline?: RunReport;
  /** The gate's decision as markdown (e.g. deploy-gates' `renderDecisionMarkdown`), shown collapsed. */
  gateMarkdown?: string;
  /** One line for the title, e.g. `PROMOTE`. */
  gateAction?: string;
  /** Where the full report is (an artifact URL or name). */
  reportLink?: string;
  /** @default PR_COMMENT_LIMIT */
  maxChars?: number;
}

/** Escapes text for a markdown table cell: no HTML, no pipes, one line. */
export function mdCell(text: string, max = 160): string {
  return oneLine(text, max)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|')
    .replaceAll('`', "'");
}

const ICON: Record<CaseResult['status'], string> = { passed: '✅', failed: '❌', error: '⚠️', skipped: '⏭️' };

/** Appends lines while they fit in the budget; says how many did not. */
class Budget {
  private readonly parts: string[] = [];
  private used = 0;
  constructor(private readonly limit: number) {}
  get remaining(): number {
    return this.limit - this.used;
  }
  add(text: string): boolean {
    if (this.used + text.length + 1 > this.limit) return false;
    this.parts.push(text);
    this.used += text.length + 1;
    return true;
  }
  toString(): string {
    return this.parts.join('\n');
  }
}

/** Adds a collapsed table of rows, as many as fit while keeping `reserve` characters for what follows. */
function addTable(out: Budget, title: string, header: string, rows: string[], reserve: number, more: string): void {
  if (rows.length === 0) return;
  const close = '\n</details>\n';
  if (!out.add(`<details><summary>${title}</summary>\n\n${header}`)) return;
  let shown = 0;
  for (const row of rows) {
    if (out.remaining - row.length - 1 < reserve + close.length + 200) break;
    out.add(row);
    shown++;
  }
  if (shown < rows.length) out.add(`\n… ${rows.length - shown} more ${more}`);
  out.add(close);
}

/**
 * A compact PR comment: a marker (so CI updates one comment instead of adding more), the headline, a table per
 * suite (and per cell), then collapsed sections: the gate's evidence, the cases that regressed or were fixed
 * since the baseline, and the failing cases with their first violation. However large the run, the comment stays
 * within `maxChars` (GitHub's 65,536): rows that do not fit are counted instead of listed.
 */
export function renderPrComment(report: RunReport, options: RenderPrCommentOptions = {}): string {
  const limit = Math.min(options.maxChars ?? PR_COMMENT_LIMIT, PR_COMMENT_LIMIT);
  const out = new Budget(limit);
  const cells = reportCells(report);
  const allPassed = cells.every((cell) => cell.suites.every((suite) => suite.passed));
  const status = options.gateAction
    ? `gate **${mdCell(options.gateAction, 40)}**`
    : allPassed
      ? 'all suites meet their thresholds'
      : 'some suites are below their thresholds';
  out.add(PR_COMMENT_MARKER);
  const action = options.gateAction?.toUpperCase();
  const icon =
    action === undefined
      ? allPassed
        ? '✅'
        : '❌'
      : action === 'PROMOTE' || action === 'ADVANCE'
        ? '✅'
        : action === 'HOLD'
          ? '⏸️'
          : '❌';
  out.add(`### agent-cicd: ${icon} ${status}`);
  out.add('');
  const { counts, passRate, costUsd, latencyMs } = report.totals;
  out.add(
    `Run \`${mdCell(report.runId, 60)}\` (${report.status}${report.tier ? `, tier ${mdCell(report.tier, 20)}` : ''}): ` +
      (cells.length > 1
        ? `${cells.length} cells`
        : `${counts.cases} cases, ${counts.trials} trials, pass rate ${percent(passRate)}, cost ${usd(costUsd)}, p95 ${ms(latencyMs.p95)}`) +
      (options.reportLink ? ` · [full report](${options.reportLink})` : ''),
  );
  const note = judgeSkippedNote(report);
  if (note) out.add(`\n⏭️ **${mdCell(note, 200)}**`);
  out.add('');
  const suiteRows: string[] = [];
  for (const cell of cells) {
    for (const suite of cell.suites) {
      const threshold = suite.threshold === undefined ? 'all' : percent(suite.threshold, 0);
      suiteRows.push(
        `| ${suite.passed ? '✅' : '❌'} | ${cells.length > 1 ? `${mdCell(cellLabel(cell), 60)} | ` : ''}${mdCell(suite.name, 60)} | ${percent(suite.passRate)} [${percent(suite.interval.low)}, ${percent(suite.interval.high)}] | ${threshold} | ${suite.counts.passed}/${suite.counts.cases}${suite.counts.skipped ? ` (${suite.counts.skipped} skipped)` : ''} |`,
      );
    }
  }
  const tableHeader = `| | ${cells.length > 1 ? 'Cell | ' : ''}Suite | Pass rate [95% CI] | Threshold | Cases passed |\n|---|${cells.length > 1 ? '---|' : ''}---|---|---|---|`;
  const reserve = 4000;
  if (suiteRows.length <= 20) {
    out.add(tableHeader);
    for (const row of suiteRows) out.add(row);
    out.add('');
  } else addTable(out, `Suites (${suiteRows.length})`, tableHeader, suiteRows, reserve, 'suites');

  if (options.gateMarkdown) {
    const gate = options.gateMarkdown.trim();
    const body = gate.length > 20_000 ? `${gate.slice(0, 20_000)}\n\n… (cut; see the full report)` : gate;
    out.add(`<details><summary>Gate evidence</summary>\n\n${body}\n\n</details>\n`);
  }
  if (options.baseline) {
    const flips = caseFlips(options.baseline, report);
    const rows = flips.map(
      (flip) =>
        `| ${flip.direction === 'regressed' ? '🔻 regressed' : '🔺 fixed'} | ${cells.length > 1 ? `${mdCell(flip.cell || 'run', 60)} | ` : ''}${mdCell(flip.suite, 60)} | ${mdCell(flip.caseId, 80)} | ${flip.baseline} → ${flip.candidate} |`,
    );
    const regressed = flips.filter((flip) => flip.direction === 'regressed').length;
    addTable(
      out,
      `Flipped since the baseline: ${regressed} regressed, ${flips.length - regressed} fixed`,
      `| | ${cells.length > 1 ? 'Cell | ' : ''}Suite | Case | Status |\n|---|${cells.length > 1 ? '---|' : ''}---|---|---|`,
      rows,
      reserve,
      'flipped cases (see the full report)',
    );
  }
  const failing: string[] = [];
  for (const cell of cells) {
    for (const suite of cell.suites) {
      for (const result of suite.cases) {
        if (result.status === 'passed' || result.status === 'skipped') continue;
        const first = result.violations[0];
        failing.push(
          `| ${ICON[result.status]} | ${cells.length > 1 ? `${mdCell(cellLabel(cell), 60)} | ` : ''}${mdCell(suite.name, 60)} | ${mdCell(result.caseId, 80)} | ${first ? `${mdCell(first.check, 30)}: ${mdCell(first.message)}` : ''} |`,
        );
      }
    }
  }
  failing.sort((a, b) => (a.startsWith('| ⚠️') ? 0 : 1) - (b.startsWith('| ⚠️') ? 0 : 1));
  addTable(
    out,
    `Failing cases (${failing.length})`,
    `| | ${cells.length > 1 ? 'Cell | ' : ''}Suite | Case | First violation |\n|---|${cells.length > 1 ? '---|' : ''}---|---|---|`,
    failing,
    200,
    'failing cases (see the full report)',
  );
  const skipped: string[] = [];
  for (const cell of cells) {
    for (const suite of cell.suites) {
      for (const result of suite.cases) {
        if (result.status !== 'skipped') continue;
        skipped.push(
          `| ${ICON.skipped} | ${cells.length > 1 ? `${mdCell(cellLabel(cell), 60)} | ` : ''}${mdCell(suite.name, 60)} | ${mdCell(result.caseId, 80)} | ${mdCell(result.skippedChecks?.join(', ') ?? '')} |`,
        );
      }
    }
  }
  addTable(
    out,
    `Skipped cases, not evaluated (${skipped.length})`,
    `| | ${cells.length > 1 ? 'Cell | ' : ''}Suite | Case | Checks left unrun |\n|---|${cells.length > 1 ? '---|' : ''}---|---|---|`,
    skipped,
    200,
    'skipped cases (see the full report)',
  );
  return `${out.toString()}\n`;
}
