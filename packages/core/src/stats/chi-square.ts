import { StatsArgumentError } from '../errors.js';
import { regularizedGammaQ } from './special-functions.js';

/** Result of a chi-square test. */
export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
}

/** Upper tail P(χ²_df ≥ statistic). */
export function chiSquareSurvival(statistic: number, df: number): number {
  return regularizedGammaQ(df / 2, statistic / 2);
}

/**
 * Pearson's chi-square test of independence on an r×c contingency table of counts (rows: groups, columns:
 * outcome categories). No continuity correction — matches `scipy.stats.chi2_contingency(table, correction=False)`
 * and R's `chisq.test(table, correct = FALSE)`. Every row and column must have a positive total.
 */
export function chiSquareIndependence(table: readonly (readonly number[])[]): ChiSquareResult {
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  if (rows < 2 || columns < 2) {
    throw new StatsArgumentError(`table must have at least 2 rows and 2 columns, got ${rows}×${columns}`);
  }
  const rowTotals = new Array<number>(rows).fill(0);
  const columnTotals = new Array<number>(columns).fill(0);
  table.forEach((row, i) => {
    if (row.length !== columns) {
      throw new StatsArgumentError(
        `table rows must have the same length: row 0 has ${columns}, row ${i} has ${row.length}`,
      );
    }
    row.forEach((value, j) => {
      if (!(Number.isFinite(value) && value >= 0)) {
        throw new StatsArgumentError(`table[${i}][${j}] must be a non-negative count, got ${String(value)}`);
      }
      rowTotals[i] = (rowTotals[i] as number) + value;
      columnTotals[j] = (columnTotals[j] as number) + value;
    });
  });
  const empty = [
    ...rowTotals.map((t, i) => [t, `row ${i}`] as const),
    ...columnTotals.map((t, j) => [t, `column ${j}`] as const),
  ].find(([total]) => total === 0);
  if (empty) throw new StatsArgumentError(`table ${empty[1]} is all zero; its expected counts would be 0`);
  const total = rowTotals.reduce((sum, t) => sum + t, 0);
  let statistic = 0;
  table.forEach((row, i) => {
    row.forEach((observed, j) => {
      const expected = ((rowTotals[i] as number) * (columnTotals[j] as number)) / total;
      statistic += (observed - expected) ** 2 / expected;
    });
  });
  const df = (rows - 1) * (columns - 1);
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}
