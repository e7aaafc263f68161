// `@agent-cicd/core/matrix`: matrix runs (models × prompt versions) and their comparison.
export type { CellComparison, CellPair, CellSummary } from './compare-cells.js';
export { compareCells, compareTwoCells } from './compare-cells.js';
export {
  cellComparisonRows,
  renderCellComparisonMarkdown,
  renderCellComparisonText,
} from './render-cell-comparison.js';
export type { MatrixCellSpec, RunMatrixOptions } from './run-matrix.js';
export { buildMatrixReport, matrixCells, runMatrix, selectCell } from './run-matrix.js';
export type { CellWins, SelectBestCellsOptions, SelectBestCellsResult } from './select-best-cells.js';
export { selectBestCells } from './select-best-cells.js';
