import type { CreateRunContextOptions, RunReport, RunSuiteOptions } from '@agent-cicd/core';
import type { MatrixCellSpec } from '@agent-cicd/core/matrix';
import type { CliIo } from '../cli-io.js';

const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

/** The cells of `run --matrix`: `--models` / `--prompt-versions`, else the config's `matrix:`. */
export async function resolveMatrixCells(
  options: Pick<CreateRunContextOptions, 'cwd' | 'configFile'> & { models?: string; promptVersions?: string },
): Promise<MatrixCellSpec[]> {
  const { loadConfig } = await import('@agent-cicd/core');
  const { matrixCells } = await import('@agent-cicd/core/matrix');
  const { config } = await loadConfig({ cwd: options.cwd, file: options.configFile });
  const models = list(options.models) ?? config.matrix?.models;
  const promptVersions = list(options.promptVersions) ?? config.matrix?.promptVersions;
  return matrixCells({
    ...(models === undefined ? {} : { models }),
    ...(promptVersions === undefined ? {} : { promptVersions }),
  });
}

/** Runs the cells one after the other; each cell keeps its own JSONL journal next to the results file. */
export async function runMatrixCells(
  options: Omit<RunSuiteOptions, 'context' | 'resultsFile' | 'keepResults'> & {
    cells: MatrixCellSpec[];
    contextOptions: CreateRunContextOptions;
    resultsFile: string;
    io: CliIo;
  },
): Promise<RunReport> {
  const { createRunContext } = await import('@agent-cicd/core');
  const { runMatrix } = await import('@agent-cicd/core/matrix');
  const { cells, contextOptions, resultsFile, io, ...rest } = options;
  const slug = (cell: MatrixCellSpec): string => cell.id.replace(/[^A-Za-z0-9._-]+/g, '_');
  return runMatrix({
    ...rest,
    cells,
    createContext: (cell) =>
      createRunContext({
        ...contextOptions,
        cell: {
          ...(cell.llmModel === undefined ? {} : { llmModel: cell.llmModel }),
          ...(cell.promptVersion === undefined ? {} : { promptVersion: cell.promptVersion }),
        },
      }),
    resultsFile: (cell) => `${resultsFile.replace(/\.jsonl$/, '')}.${slug(cell)}.jsonl`,
    onCell: (cell, index) => io.stderr(`agent-cicd run: cell ${index + 1}/${cells.length} ${cell.id}\n`),
  });
}

/** Writes the matrix report (every cell with its cases) atomically. */
export async function writeMatrixReport(report: RunReport, file: string): Promise<void> {
  const { writeFileAtomic } = await import('@agent-cicd/core/report');
  await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** Each cell's suites, then the comparison table and the best-cell line. */
export async function summarizeMatrix(report: RunReport, reportFile: string): Promise<string> {
  const { compareCells, renderCellComparisonText } = await import('@agent-cicd/core/matrix');
  const lines: string[] = [];
  for (const cell of report.matrix?.cells ?? []) {
    const suites = cell.suites
      .map((suite) => `${suite.passed ? 'PASS' : 'FAIL'} ${suite.name} ${suite.passRate.toFixed(3)}`)
      .join(', ');
    lines.push(`cell ${cell.id}: ${suites}`);
  }
  if (report.status !== 'complete') lines.push(`run ${report.status}: ${report.statusReason ?? ''}`);
  lines.push('', renderCellComparisonText(compareCells(report)).trimEnd(), '', `report: ${reportFile}`);
  return `${lines.join('\n')}\n`;
}

/** `--select-best`: the grader (the tier's client, the judge's model) picks the best cell's answer per trial. */
export async function selectBestSummary(
  report: RunReport,
  contextOptions: CreateRunContextOptions,
  suites: ReadonlyArray<{ suite: { name: string; cases: ReadonlyArray<{ id: string; userInput?: string }> } }>,
): Promise<string> {
  const { createRunContext } = await import('@agent-cicd/core');
  const { selectBestCells } = await import('@agent-cicd/core/matrix');
  const { grader } = await createRunContext(contextOptions);
  if (!grader) return 'select-best: the run has no grader\n';
  const inputs = new Map(
    suites.flatMap(({ suite }) => suite.cases.map((c) => [`${suite.name}\u0000${c.id}`, c.userInput])),
  );
  const result = await selectBestCells({
    report,
    grader,
    inputOf: (suite, caseId) => inputs.get(`${suite}\u0000${caseId}`),
  });
  const lines = result.cells.map(
    (cell) =>
      `  ${cell.id}: best in ${cell.wins}/${result.decided} (${(cell.share * 100).toFixed(1)}%, 95% CI ${(cell.interval.low * 100).toFixed(1)}–${(cell.interval.high * 100).toFixed(1)}%)`,
  );
  const errors =
    result.errors.length > 0
      ? `; ${result.errors.length} without a valid choice (first: ${result.errors[0]?.error})`
      : '';
  return `select-best over ${result.compared} trials every cell ran${errors}\n${lines.join('\n')}\n`;
}
