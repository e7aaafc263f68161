// `@agent-cicd/core/report`: renderers of run reports (HTML, terminal, JUnit, PR comment) and matrix comparisons.

export type { CellComparison, CellPair, CellSummary } from '../matrix/compare-cells.js';
export { compareCells, compareTwoCells } from '../matrix/compare-cells.js';
export {
  cellComparisonRows,
  renderCellComparisonMarkdown,
  renderCellComparisonText,
} from '../matrix/render-cell-comparison.js';
export type { CaseFlip } from './case-flips.js';
export { caseFlips } from './case-flips.js';
export type { HtmlCase } from './html-report-data.js';
export { htmlCases } from './html-report-data.js';
export { judgeSkippedNote } from './judge-skipped-note.js';
export type { HtmlGateSection, RenderHtmlReportOptions } from './render-html-report.js';
export { renderHtmlReport } from './render-html-report.js';
export { escapeXml, renderJunit } from './render-junit.js';
export type { ChartBar } from './render-pass-rate-chart.js';
export { renderPassRateChart } from './render-pass-rate-chart.js';
export type { RenderPrCommentOptions } from './render-pr-comment.js';
export { mdCell, PR_COMMENT_LIMIT, PR_COMMENT_MARKER, renderPrComment } from './render-pr-comment.js';
export type { RenderReportTextOptions } from './render-report-text.js';
export { renderReportText } from './render-report-text.js';
export type { ReportCell } from './report-cells.js';
export { cellLabel, isMatrixReport, reportCells } from './report-cells.js';
export { writeFileAtomic } from './write-file-atomic.js';
