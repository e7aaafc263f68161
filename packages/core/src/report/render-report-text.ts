import type { CaseResult, RunReport, SuiteResult } from '../schema/report.js';
import { type CaseFlip, caseFlips, flipKey } from './case-flips.js';
import { ms, oneLine, percent, usd, wrap } from './format-numbers.js';
import { judgeSkippedNote } from './judge-skipped-note.js';
import { cellLabel, type ReportCell, reportCells } from './report-cells.js';

export interface RenderReportTextOptions {
  /** Terminal width. @default 100 */
  width?: number;
  /** Mark the cases that flipped against this report. */
  baseline?: RunReport;
  /** Failed and errored cases listed in full; the rest are counted. @default 50 */
  maxFailures?: number;
}

const STATUS_MARK: Record<CaseResult['status'], string> = {
  passed: 'ok',
  failed: 'FAIL',
  error: 'ERROR',
  skipped: 'SKIP',
};
const rank = (status: CaseResult['status']): number => (status === 'error' ? 0 : status === 'failed' ? 1 : 2);

function suiteLine(suite: SuiteResult, width: number): string[] {
  const threshold = suite.threshold === undefined ? 'all must pass' : `threshold ${percent(suite.threshold, 0)}`;
  const { cases, passed, failed, errored, skipped } = suite.counts;
  const text =
    `${suite.passed ? 'PASS' : 'FAIL'} ${suite.name}: ${percent(suite.passRate)} ` +
    `[${percent(suite.interval.low)}, ${percent(suite.interval.high)}] (${threshold}); ` +
    `${cases} cases: ${passed} passed, ${failed} failed, ${errored} errors${skipped ? `, ${skipped} skipped` : ''}`;
  return wrap(text, width - 2, '      ').map((line) => `  ${line}`);
}

function caseBlock(suite: SuiteResult, result: CaseResult, width: number, flip: CaseFlip | undefined): string[] {
  const passedTrials = result.trials.filter((trial) => trial.status === 'passed').length;
  const flipped = flip ? ` (was ${flip.baseline})` : '';
  const head =
    `${STATUS_MARK[result.status]} ${suite.name} / ${result.caseId}${flipped}: ` +
    `${passedTrials}/${result.trials.length} trials passed` +
    (result.score === undefined ? '' : `, judge ${result.score.toFixed(2)}`);
  const lines = wrap(head, width - 2, '    ').map((line) => `  ${line}`);
  for (const violation of result.violations.slice(0, 5)) {
    lines.push(...wrap(`- ${violation.check}: ${violation.message}`, width - 4, '      ').map((line) => `    ${line}`));
  }
  if (result.violations.length > 5) lines.push(`    … ${result.violations.length - 5} more violations`);
  if (result.skippedChecks?.length) {
    lines.push(
      ...wrap(`unrun (judge skipped): ${result.skippedChecks.join(', ')}`, width - 4, '      ').map((l) => `    ${l}`),
    );
  }
  const tools = result.toolsCalled.length ? result.toolsCalled.join(', ') : '(none)';
  lines.push(`    tools: ${oneLine(tools, width - 11)}`);
  lines.push(`    response: ${oneLine(JSON.stringify(result.responsePreview), width - 14)}`);
  return lines;
}

function cellSection(cell: ReportCell, width: number, flips: Map<string, CaseFlip>, maxFailures: number): string[] {
  const lines: string[] = [];
  const { counts, passRate, tokens, costUsd, latencyMs } = cell.totals;
  lines.push(
    ...wrap(
      `${counts.cases} cases, ${counts.trials} trials, pass rate ${percent(passRate)}; ` +
        `tokens ${tokens.input} in / ${tokens.output} out; cost ${usd(costUsd)}; ` +
        `latency p50 ${ms(latencyMs.p50)}, p95 ${ms(latencyMs.p95)}`,
      width,
      '  ',
    ),
  );
  lines.push('', 'Suites');
  const suites = [...cell.suites].sort((a, b) => Number(a.passed) - Number(b.passed));
  for (const suite of suites) lines.push(...suiteLine(suite, width));
  const failing = cell.suites
    .flatMap((suite) => suite.cases.map((result) => ({ suite, result })))
    .filter(({ result }) => result.status === 'failed' || result.status === 'error')
    .sort((a, b) => rank(a.result.status) - rank(b.result.status));
  const fixed = cell.suites.flatMap((suite) =>
    suite.cases.filter(
      (result) => result.status === 'passed' && flips.has(flipKey(cell.id, suite.name, result.caseId)),
    ),
  );
  lines.push('', `Failures (${failing.length})`);
  if (failing.length === 0) lines.push('  none');
  for (const { suite, result } of failing.slice(0, maxFailures)) {
    lines.push(...caseBlock(suite, result, width, flips.get(flipKey(cell.id, suite.name, result.caseId))));
  }
  if (failing.length > maxFailures) lines.push(`  … ${failing.length - maxFailures} more failing cases`);
  if (fixed.length) {
    lines.push('', `Fixed since the baseline (${fixed.length})`);
    lines.push(
      ...wrap(fixed.map((result) => result.caseId).join(', '), width - 2, '  ').map((l, i) => (i ? l : `  ${l}`)),
    );
  }
  const skipped = cell.suites.flatMap((suite) =>
    suite.cases.filter((result) => result.status === 'skipped').map((result) => ({ suite, result })),
  );
  if (skipped.length) {
    lines.push('', `Skipped, not evaluated (${skipped.length})`);
    for (const { suite, result } of skipped.slice(0, maxFailures)) {
      const unrun = result.skippedChecks?.length ? ` (unrun: ${result.skippedChecks.join(', ')})` : '';
      lines.push(
        ...wrap(
          `SKIP ${suite.name} / ${result.caseId}: ${result.skipReason ?? 'not evaluated'}${unrun}`,
          width - 2,
          '    ',
        ).map((line) => `  ${line}`),
      );
    }
    if (skipped.length > maxFailures) lines.push(`  … ${skipped.length - maxFailures} more skipped cases`);
  }
  const passed = cell.suites.reduce((sum, suite) => sum + suite.counts.passed, 0);
  lines.push('', `Passed: ${passed} cases`);
  return lines;
}

/**
 * The report for a terminal (`agent-cicd report show`): the run line, suites (failing first), then the failing
 * cases with their violations, tools and response, errors before failures; no line longer than `width`.
 */
export function renderReportText(report: RunReport, options: RenderReportTextOptions = {}): string {
  const width = options.width ?? 100;
  const maxFailures = options.maxFailures ?? 50;
  const flips = new Map(
    (options.baseline ? caseFlips(options.baseline, report) : []).map((flip) => [
      flipKey(flip.cell, flip.suite, flip.caseId),
      flip,
    ]),
  );
  const subject = Object.entries(report.subject)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  const lines = wrap(
    `Run ${report.runId} (${report.status}${report.statusReason ? `: ${report.statusReason}` : ''})` +
      `${report.tier ? `, tier ${report.tier}` : ''}, ${report.createdAt}${subject ? `, ${subject}` : ''}`,
    width,
    '  ',
  );
  const note = judgeSkippedNote(report);
  if (note) lines.push(...wrap(note, width, '  '));
  if (options.baseline) {
    const regressed = [...flips.values()].filter((flip) => flip.direction === 'regressed').length;
    lines.push(`Against the baseline: ${regressed} cases regressed, ${flips.size - regressed} fixed`);
  }
  const cells = reportCells(report);
  for (const cell of cells) {
    if (cells.length > 1) lines.push('', `== cell ${cellLabel(cell)}`);
    lines.push(...cellSection(cell, width, flips, maxFailures));
  }
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}
