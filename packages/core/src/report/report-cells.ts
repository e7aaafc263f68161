import type { MatrixCell, RunReport, RunTotals, SuiteResult } from '../schema/report.js';

/** A report's cells: a matrix run's cells, or the one run as a single cell with an empty id. */
export interface ReportCell {
  id: string;
  model?: string;
  promptVersion?: string;
  suites: SuiteResult[];
  totals: RunTotals;
}

/** The cells of a report (one, with id `''`, for a plain run). */
export function reportCells(report: RunReport): ReportCell[] {
  if (report.matrix) return report.matrix.cells;
  return [{ id: '', suites: report.suites, totals: report.totals }];
}

/** Whether the report holds a matrix run. */
export const isMatrixReport = (report: RunReport): boolean => report.matrix !== undefined;

/** A label for a cell: its id, or `run` for a plain run's only cell. */
export const cellLabel = (cell: Pick<MatrixCell, 'id'>): string => cell.id || 'run';
