import type { CaseStatus, RunReport } from '../schema/report.js';
import { reportCells } from './report-cells.js';

/** A case whose outcome changed between the baseline and the candidate. */
export interface CaseFlip {
  cell: string;
  suite: string;
  caseId: string;
  baseline: CaseStatus;
  candidate: CaseStatus;
  /** `regressed`: passed → failed/error; `fixed`: failed/error → passed. */
  direction: 'regressed' | 'fixed';
}

export const flipKey = (cell: string, suite: string, caseId: string): string => `${cell}\u0000${suite}\u0000${caseId}`;

/**
 * Cases that passed in the baseline and not in the candidate (`regressed`) or the other way round (`fixed`),
 * matched by suite name and case id (and cell, for matrix candidates: each cell against the baseline's cell of
 * the same id, else against the baseline's first cell). Regressions come first. Skipped cases are never flips.
 */
export function caseFlips(baseline: RunReport, candidate: RunReport): CaseFlip[] {
  const baseCells = reportCells(baseline);
  const statusByKey = new Map<string, CaseStatus>();
  for (const cell of baseCells) {
    for (const suite of cell.suites) {
      for (const result of suite.cases) statusByKey.set(flipKey(cell.id, suite.name, result.caseId), result.status);
    }
  }
  const baseIds = new Set(baseCells.map((cell) => cell.id));
  const fallback = baseCells[0]?.id ?? '';
  const flips: CaseFlip[] = [];
  for (const cell of reportCells(candidate)) {
    const baseCell = baseIds.has(cell.id) ? cell.id : fallback;
    for (const suite of cell.suites) {
      for (const result of suite.cases) {
        const before = statusByKey.get(flipKey(baseCell, suite.name, result.caseId));
        // A skipped case (not evaluated) on either side neither regressed nor was fixed.
        if (before === undefined || before === 'skipped' || result.status === 'skipped') continue;
        const wasPassing = before === 'passed';
        const isPassing = result.status === 'passed';
        if (wasPassing === isPassing) continue;
        flips.push({
          cell: cell.id,
          suite: suite.name,
          caseId: result.caseId,
          baseline: before,
          candidate: result.status,
          direction: wasPassing ? 'regressed' : 'fixed',
        });
      }
    }
  }
  return flips.sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'regressed' ? -1 : 1));
}
