import { AgentCicdError } from '../errors.js';
import type { RunContext } from '../run/run-context.js';
import { type RunSuiteOptions, runSuite } from '../run/run-suite.js';
import type { MatrixCell, RunReport } from '../schema/report.js';

/** One cell to run: a model and/or a prompt version (either may be the tier's own). */
export interface MatrixCellSpec {
  id: string;
  llmModel?: string;
  promptVersion?: string;
}

/**
 * The cells of `models × promptVersions`, models outermost, ids like `model=gpt-4o,prompt=v2` (only the
 * dimensions given). Duplicates are invalid input.
 */
export function matrixCells(settings: {
  models?: readonly string[];
  promptVersions?: readonly string[];
}): MatrixCellSpec[] {
  const models = settings.models ?? [];
  const versions = settings.promptVersions ?? [];
  for (const [name, list] of [
    ['models', models],
    ['promptVersions', versions],
  ] as const) {
    const twice = list.find((value, index) => list.indexOf(value) !== index);
    if (twice !== undefined) {
      throw new AgentCicdError('AGENT_CICD_CONFIG_INVALID', `matrix.${name} lists "${twice}" twice`);
    }
  }
  if (models.length === 0 && versions.length === 0) {
    throw new AgentCicdError(
      'AGENT_CICD_CONFIG_INVALID',
      'a matrix run needs models and/or prompt versions: set matrix.models / matrix.promptVersions in the config, or --models / --prompt-versions',
    );
  }
  const cells: MatrixCellSpec[] = [];
  for (const model of models.length ? models : [undefined]) {
    for (const version of versions.length ? versions : [undefined]) {
      const id = [model === undefined ? '' : `model=${model}`, version === undefined ? '' : `prompt=${version}`]
        .filter(Boolean)
        .join(',');
      cells.push({
        id,
        ...(model === undefined ? {} : { llmModel: model }),
        ...(version === undefined ? {} : { promptVersion: version }),
      });
    }
  }
  return cells;
}

export interface RunMatrixOptions extends Omit<RunSuiteOptions, 'context' | 'resultsFile' | 'keepResults'> {
  cells: readonly MatrixCellSpec[];
  /** The run context of a cell (same seed for every cell: the cells differ only in model and prompt version). */
  createContext: (cell: MatrixCellSpec) => Promise<RunContext>;
  /** JSONL journal of a cell (each cell resumes from its own). */
  resultsFile?: (cell: MatrixCellSpec) => string;
  /** Called when a cell starts. */
  onCell?: (cell: MatrixCellSpec, index: number) => void;
}

function withoutCellLabels(subject: Record<string, string>): Record<string, string> {
  const { model: _model, promptVersion: _promptVersion, ...rest } = subject;
  return rest;
}

/** One matrix report (schemaVersion 2) from each cell's run report; `suites`/`totals` are the first cell's. */
export function buildMatrixReport(runs: ReadonlyArray<{ cell: MatrixCellSpec; report: RunReport }>): RunReport {
  const first = runs[0];
  if (!first) throw new AgentCicdError('AGENT_CICD_CONFIG_INVALID', 'a matrix run needs at least one cell');
  const cells: MatrixCell[] = runs.map(({ cell, report }) => ({
    id: cell.id,
    ...(cell.llmModel === undefined ? {} : { model: cell.llmModel }),
    ...(cell.promptVersion === undefined ? {} : { promptVersion: cell.promptVersion }),
    suites: report.suites,
    totals: report.totals,
  }));
  const notComplete = runs.find(({ report }) => report.status !== 'complete');
  const durationMs = runs.reduce((sum, { report }) => sum + report.totals.durationMs, 0);
  return {
    ...first.report,
    schemaVersion: 2,
    status: notComplete?.report.status ?? 'complete',
    ...(notComplete?.report.statusReason === undefined
      ? {}
      : { statusReason: `cell ${notComplete.cell.id}: ${notComplete.report.statusReason}` }),
    subject: { ...withoutCellLabels(first.report.subject), matrix: cells.map((cell) => cell.id).join(' | ') },
    totals: { ...first.report.totals, durationMs },
    matrix: { cells },
  };
}

/**
 * Runs every case of every suite in every cell, one cell after the other (each with the run's concurrency),
 * and returns one matrix report. A run that stops (abort, budget) stops at the cell it is in; the cells not run
 * are left out and the report is not `complete`. The budget applies to each cell.
 */
export async function runMatrix(options: RunMatrixOptions): Promise<RunReport> {
  const { cells, createContext, resultsFile, onCell, ...rest } = options;
  const runs: Array<{ cell: MatrixCellSpec; report: RunReport }> = [];
  for (const [index, cell] of cells.entries()) {
    onCell?.(cell, index);
    const context = await createContext(cell);
    const report = await runSuite({
      ...rest,
      context,
      keepResults: true,
      ...(resultsFile === undefined ? {} : { resultsFile: resultsFile(cell) }),
      subject: {
        ...rest.subject,
        ...(cell.llmModel ? { model: cell.llmModel } : {}),
        ...(cell.promptVersion ? { promptVersion: cell.promptVersion } : {}),
      },
    });
    runs.push({ cell, report });
    if (report.status !== 'complete') break;
  }
  return buildMatrixReport(runs);
}

/** The run report of one cell of a matrix report (schemaVersion 1), e.g. to gate one cell against another. */
export function selectCell(report: RunReport, id: string): RunReport {
  const cells = report.matrix?.cells;
  if (!cells) {
    throw new AgentCicdError('AGENT_CICD_USAGE', `this report is not a matrix run, so it has no cell "${id}"`);
  }
  const cell = cells.find((c) => c.id === id);
  if (!cell) {
    throw new AgentCicdError(
      'AGENT_CICD_USAGE',
      `no cell "${id}" in this matrix report; its cells: ${cells.map((c) => c.id).join(', ')}`,
    );
  }
  const { matrix: _matrix, ...rest } = report;
  return {
    ...rest,
    schemaVersion: 1,
    suites: cell.suites,
    totals: cell.totals,
    subject: {
      ...report.subject,
      cell: cell.id,
      ...(cell.model === undefined ? {} : { model: cell.model }),
      ...(cell.promptVersion === undefined ? {} : { promptVersion: cell.promptVersion }),
    },
  };
}
