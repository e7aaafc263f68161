import type { Grader } from '../checks/evaluate-model-check.js';
import { selectBest } from '../checks/select-best.js';
import { AgentCicdError } from '../errors.js';
import type { RunReport } from '../schema/report.js';
import { wilsonInterval } from '../stats/wilson-interval.js';

export interface SelectBestCellsOptions {
  /** A matrix report (schemaVersion 2). */
  report: RunReport;
  grader: Grader;
  /** What "best" means. @default the judge's: the most correct, complete and helpful answer */
  criterion?: string;
  /** The user input of a case, for the grader. @default the case's name or id */
  inputOf?: (suite: string, caseId: string) => string | undefined;
  signal?: AbortSignal;
}

export interface CellWins {
  id: string;
  /** Trials whose answer the grader picked as the best of all cells. */
  wins: number;
  /** Share of the decided trials, with a 95% Wilson interval. */
  share: number;
  interval: { low: number; high: number };
}

export interface SelectBestCellsResult {
  cells: CellWins[];
  /** Trials every cell ran (same suite, case and trial index), each compared once. */
  compared: number;
  decided: number;
  /** Trials the grader gave no valid choice for (errors, never a pick). */
  errors: Array<{ suite: string; caseId: string; trial: number; error: string }>;
  tokens: { input: number; output: number };
  costUsd?: number;
}

/**
 * promptfoo's `select-best` over a matrix run: for every trial that all cells ran (the same seed), the grader
 * sees the cells' answers in a fixed order and picks the best; each cell's wins are counted with an interval. A
 * trial without a valid choice is counted in `errors`, never as anyone's win.
 */
export async function selectBestCells(options: SelectBestCellsOptions): Promise<SelectBestCellsResult> {
  const cells = options.report.matrix?.cells;
  if (!cells || cells.length < 2) {
    throw new AgentCicdError(
      'AGENT_CICD_USAGE',
      'selectBest across cells needs a matrix report with at least two cells',
    );
  }
  const answers = new Map<string, { input: string; outputs: Array<string | undefined> }>();
  cells.forEach((cell, index) => {
    for (const suite of cell.suites) {
      for (const result of suite.cases) {
        for (const trial of result.trials) {
          const key = JSON.stringify([suite.name, result.caseId, trial.trial]);
          let entry = answers.get(key);
          if (!entry) {
            const input = options.inputOf?.(suite.name, result.caseId) ?? result.name ?? result.caseId;
            entry = { input, outputs: new Array(cells.length).fill(undefined) };
            answers.set(key, entry);
          }
          entry.outputs[index] = trial.response;
        }
      }
    }
  });
  const wins = new Array<number>(cells.length).fill(0);
  const result: SelectBestCellsResult = {
    cells: [],
    compared: 0,
    decided: 0,
    errors: [],
    tokens: { input: 0, output: 0 },
  };
  for (const [key, entry] of answers) {
    if (entry.outputs.some((output) => output === undefined)) continue;
    const [suite, caseId, trial] = JSON.parse(key) as [string, string, number];
    result.compared++;
    const outcome = await selectBest({
      grader: options.grader,
      input: entry.input,
      outputs: entry.outputs as string[],
      ...(options.criterion === undefined ? {} : { criterion: options.criterion }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      metadata: { caseId, trial: String(trial) },
    });
    result.tokens.input += outcome.tokens.input;
    result.tokens.output += outcome.tokens.output;
    if (outcome.costUsd !== undefined) result.costUsd = (result.costUsd ?? 0) + outcome.costUsd;
    if (!outcome.ok) {
      result.errors.push({ suite, caseId, trial, error: outcome.error });
      continue;
    }
    result.decided++;
    wins[outcome.best] = (wins[outcome.best] ?? 0) + 1;
  }
  result.cells = cells.map((cell, index) => {
    const won = wins[index] ?? 0;
    const interval = result.decided > 0 ? wilsonInterval(won, result.decided) : { low: 0, high: 1 };
    return {
      id: cell.id,
      wins: won,
      share: result.decided > 0 ? won / result.decided : 0,
      interval: { low: interval.low, high: interval.high },
    };
  });
  return result;
}
