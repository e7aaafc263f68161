import { mdCell } from '../report/render-pr-comment.js';
import type { CellComparison } from './compare-cells.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pts = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const pValue = (p: number | undefined): string => (p === undefined ? '–' : p < 0.0001 ? '<0.0001' : p.toFixed(4));

/** The rows of the two tables: cells, then pairs (`b − a`). */
export function cellComparisonRows(comparison: CellComparison): { cells: string[][]; pairs: string[][] } {
  const level = `${Math.round(comparison.confidence * 100)}% CI`;
  const number = new Map(comparison.cells.map((cell, index) => [cell.id, `#${index + 1}`]));
  const cells = [
    ['#', 'Cell', 'Pass rate', level, 'Trials', 'Cost', 'Cost/trial', 'p50 ms', 'p95 ms'],
    ...comparison.cells.map((cell) => [
      `${cell.id === comparison.best.cell ? '★' : ''}${number.get(cell.id)}`,
      cell.id || 'run',
      pct(cell.passRate),
      `[${pct(cell.interval.low)}, ${pct(cell.interval.high)}]`,
      String(cell.trials),
      `$${cell.costUsd.toFixed(4)}`,
      `$${cell.costPerTrialUsd.toFixed(6)}`,
      String(Math.round(cell.latencyP50Ms)),
      String(Math.round(cell.latencyP95Ms)),
    ]),
  ];
  const pairs = [
    ['B − A', 'Difference (pts)', level, 'Pairs', 'B only', 'A only', 'p (McNemar)'],
    ...comparison.pairs.map((pair) => [
      `${number.get(pair.b)} − ${number.get(pair.a)}`,
      pts(pair.difference),
      `[${pts(pair.interval.low)}, ${pts(pair.interval.high)}]`,
      String(pair.pairs),
      String(pair.bOnly),
      String(pair.aOnly),
      pValue(pair.pValue),
    ]),
  ];
  return { cells, pairs };
}

function textTable(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(rows[0] ?? []), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

/** The comparison for a terminal: the cells table, the pairs table, and the best-cell sentence. */
export function renderCellComparisonText(comparison: CellComparison): string {
  const { cells, pairs } = cellComparisonRows(comparison);
  return [...textTable(cells), '', ...textTable(pairs), '', comparison.best.sentence, ''].join('\n');
}

function mdTable(rows: string[][]): string[] {
  const [head = [], ...body] = rows;
  return [
    `| ${head.map((cell) => mdCell(cell)).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((row) => `| ${row.map((cell) => mdCell(cell)).join(' | ')} |`),
  ];
}

/** The comparison as GitHub markdown. */
export function renderCellComparisonMarkdown(comparison: CellComparison): string {
  const { cells, pairs } = cellComparisonRows(comparison);
  return [...mdTable(cells), '', ...mdTable(pairs), '', `**${mdCell(comparison.best.sentence, 400)}**`, ''].join('\n');
}
