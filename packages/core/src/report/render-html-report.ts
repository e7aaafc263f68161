import { compareCells } from '../matrix/compare-cells.js';
import { cellComparisonRows } from '../matrix/render-cell-comparison.js';
import type { RunReport } from '../schema/report.js';
import { escapeHtml, jsonForScript } from './escape-html.js';
import { ms, percent, usd } from './format-numbers.js';
import { HTML_REPORT_CLIENT } from './html-report-client.js';
import { htmlCases } from './html-report-data.js';
import { HTML_REPORT_STYLE } from './html-report-style.js';
import { judgeSkippedNote } from './judge-skipped-note.js';
import { type ChartBar, renderPassRateChart } from './render-pass-rate-chart.js';
import { cellLabel, reportCells } from './report-cells.js';

/** The gate's decision as the report shows it (deploy-gates' `decisionTable` gives these fields). */
export interface HtmlGateSection {
  /** `promote`, `advance`, `hold` or `rollback`. */
  action: string;
  headline: string;
  reasons: string[];
  table: { headers: string[]; rows: string[][] };
}

export interface RenderHtmlReportOptions {
  /** The baseline run: marks the cases that flipped and adds its suites to the chart. */
  baseline?: RunReport;
  /** The gate's decision with its evidence (candidate = this report vs the baseline). */
  gate?: HtmlGateSection;
  /** @default `agent-cicd report <runId>` */
  title?: string;
}

const h = escapeHtml;

function table(headers: string[], rows: string[][], rowClass?: (row: string[]) => string): string {
  return [
    '<table><thead><tr>',
    ...headers.map((head) => `<th>${h(head)}</th>`),
    '</tr></thead><tbody>',
    ...rows.map(
      (row) =>
        `<tr${rowClass ? ` class="${h(rowClass(row))}"` : ''}>${row.map((cell) => `<td>${h(cell)}</td>`).join('')}</tr>`,
    ),
    '</tbody></table>',
  ].join('');
}

function chartBars(report: RunReport, baseline: RunReport | undefined): ChartBar[] {
  const bars: ChartBar[] = [];
  const multi = reportCells(report).length > 1;
  const add = (cells: ReturnType<typeof reportCells>, group: (id: string) => string | undefined): void => {
    for (const cell of cells) {
      for (const suite of cell.suites) {
        const label = group(cell.id);
        bars.push({
          label: suite.name,
          ...(label === undefined ? {} : { group: label }),
          passRate: suite.passRate,
          low: suite.interval.low,
          high: suite.interval.high,
          ...(suite.threshold === undefined ? {} : { threshold: suite.threshold }),
          passed: suite.passed,
        });
      }
    }
  };
  if (baseline) add(reportCells(baseline), () => 'baseline');
  add(reportCells(report), (id) => (multi ? cellLabel({ id }) : baseline ? 'candidate' : undefined));
  return bars.sort((a, b) => a.label.localeCompare(b.label));
}

function summaryCards(report: RunReport): string {
  const { counts, passRate, tokens, costUsd, latencyMs, durationMs } = report.totals;
  const cells = reportCells(report);
  const card = (label: string, value: string): string =>
    `<div class="card"><span class="muted">${h(label)}</span><b>${h(value)}</b></div>`;
  const all = cells.reduce(
    (sum, cell) => ({
      cases: sum.cases + cell.totals.counts.cases,
      failed: sum.failed + cell.totals.counts.failed,
      errored: sum.errored + cell.totals.counts.errored,
      skipped: sum.skipped + (cell.totals.counts.skipped ?? 0),
    }),
    { cases: 0, failed: 0, errored: 0, skipped: 0 },
  );
  return [
    '<div class="cards">',
    cells.length > 1 ? card('cells', String(cells.length)) : '',
    card('cases', String(all.cases)),
    card('failed', String(all.failed)),
    card('errors', String(all.errored)),
    report.options?.skipJudge ? card('skipped (no judge)', String(all.skipped)) : '',
    cells.length > 1 ? '' : card('trials', String(counts.trials)),
    cells.length > 1 ? '' : card('pass rate', percent(passRate)),
    cells.length > 1 ? '' : card('tokens', `${tokens.input} / ${tokens.output}`),
    cells.length > 1 ? '' : card('cost', usd(costUsd)),
    cells.length > 1 ? '' : card('latency p50 / p95', `${ms(latencyMs.p50)} / ${ms(latencyMs.p95)}`),
    card('duration', `${(durationMs / 1000).toFixed(1)} s`),
    '</div>',
  ].join('');
}

function gateSection(gate: HtmlGateSection): string {
  const verdictColumn = gate.table.headers.indexOf('Verdict');
  return [
    '<section id="gate"><h2>Gate decision</h2>',
    `<p><span class="action action-${h(gate.action)}">${h(gate.action.toUpperCase())}</span> ${h(gate.headline)}</p>`,
    '<ul>',
    ...gate.reasons.map((reason) => `<li>${h(reason)}</li>`),
    '</ul>',
    table(gate.table.headers, gate.table.rows, (row) => `verdict-${(row[verdictColumn] ?? '').toLowerCase()}`),
    '</section>',
  ].join('');
}

function matrixSection(report: RunReport): string {
  const comparison = compareCells(report);
  const { cells, pairs } = cellComparisonRows(comparison);
  return [
    '<section id="matrix"><h2>Matrix: cells compared</h2>',
    `<p class="sentence">${h(comparison.best.sentence)}</p>`,
    table(cells[0] ?? [], cells.slice(1)),
    '<h3 style="margin-top:14px">Paired differences (same cases, same seeds)</h3>',
    table(pairs[0] ?? [], pairs.slice(1)),
    '</section>',
  ].join('');
}

/**
 * One self-contained HTML file for a run report: no network, no external asset, data embedded as JSON (with
 * `<` escaped). It shows the run summary, pass rates per suite (and cell) with Wilson intervals as an inline
 * SVG, the gate's decision and evidence and the cases that flipped against the baseline (first), the matrix
 * comparison for matrix runs, and every case — filterable by status, cell and text — with its trials' responses,
 * violations, tool calls and arguments, judge score and reason, trajectory, tokens, latency and cost.
 * Secrets must already be redacted from the report (the runner and cassettes do this).
 */
export function renderHtmlReport(report: RunReport, options: RenderHtmlReportOptions = {}): string {
  const cases = htmlCases(report, options.baseline);
  const cells = reportCells(report);
  const title = options.title ?? `agent-cicd report ${report.runId}`;
  const flipped = cases.filter((c) => c.flip !== undefined).length;
  const count = (test: (c: (typeof cases)[number]) => boolean): number => cases.filter(test).length;
  const subject = Object.entries(report.subject)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const data = { cells: cells.map((cell) => cell.id), cases };
  const skippedNote = judgeSkippedNote(report);
  const filterButton = (status: string, label: string, n: number, pressed = false): string =>
    `<button type="button" data-status="${status}" aria-pressed="${pressed}">${h(label)} (${n})</button>`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${h(title)}</title>`,
    `<style>${HTML_REPORT_STYLE}</style>`,
    '</head><body>',
    `<header><h1>${h(title)}</h1>`,
    `<p class="muted">${h(report.status)}${report.statusReason ? ` (${h(report.statusReason)})` : ''}${report.tier ? ` · tier ${h(report.tier)}` : ''} · ${h(report.createdAt)}${subject ? ` · ${h(subject)}` : ''}${options.baseline ? ` · baseline ${h(options.baseline.runId)}` : ''}</p>`,
    summaryCards(report),
    skippedNote ? `<p class="sentence" id="judge-skipped">${h(skippedNote)}</p>` : '',
    '</header>',
    options.gate ? gateSection(options.gate) : '',
    options.baseline
      ? `<section id="flipped"><h2>Flipped cases (${flipped})</h2>${flipped === 0 ? '<p class="muted">No case changed between passing and failing.</p>' : ''}<ul id="flipped-list"></ul><p id="flipped-more" class="muted"></p></section>`
      : '',
    report.matrix ? matrixSection(report) : '',
    `<section id="suites"><h2>Pass rate per suite</h2>${renderPassRateChart(chartBars(report, options.baseline))}<p class="muted">Bars: trial pass rate; whiskers: 95% Wilson interval; dashed tick: the suite's threshold.</p></section>`,
    '<section id="cases"><h2>Cases</h2><div class="toolbar" role="toolbar">',
    filterButton('all', 'All', cases.length, true),
    filterButton(
      'failing',
      'Failing',
      count((c) => c.status === 'failed' || c.status === 'error'),
    ),
    filterButton(
      'error',
      'Errors',
      count((c) => c.status === 'error'),
    ),
    filterButton(
      'passed',
      'Passed',
      count((c) => c.status === 'passed'),
    ),
    count((c) => c.status === 'skipped') > 0
      ? filterButton(
          'skipped',
          'Skipped',
          count((c) => c.status === 'skipped'),
        )
      : '',
    options.baseline ? filterButton('flipped', 'Flipped', flipped) : '',
    cells.length > 1
      ? `<select id="cell-filter" aria-label="Cell"><option value="all">all cells</option>${cells.map((cell) => `<option value="${h(cell.id)}">${h(cellLabel(cell))}</option>`).join('')}</select>`
      : '',
    '<input id="search" type="search" placeholder="Search case, suite, response, violation, tool…" aria-label="Search">',
    '<span id="count" class="muted"></span></div>',
    '<div id="viewport"><div id="spacer"></div></div>',
    '<div id="detail" hidden><p class="muted">Select a case.</p></div>',
    '</section>',
    `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`,
    `<script>${HTML_REPORT_CLIENT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
