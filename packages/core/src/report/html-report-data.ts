import type { CaseResult, CaseStatus, RunReport, TrialResult, Violation } from '../schema/report.js';
import { type CaseFlip, caseFlips, flipKey } from './case-flips.js';
import { reportCells } from './report-cells.js';

/** One case as the HTML report's script reads it. */
export interface HtmlCase {
  cell: string;
  suite: string;
  id: string;
  name?: string;
  status: CaseStatus;
  /** Against the baseline, when there is one. */
  flip?: CaseFlip['direction'];
  was?: CaseStatus;
  passRate: number;
  score?: number;
  latencyMs: number;
  costUsd?: number;
  tokens: { input: number; output: number };
  tags: string[];
  violations: Violation[];
  /** Checks left unrun because the judge was skipped (`--no-judge`). */
  skippedChecks?: string[];
  /** Why the case is `skipped`. */
  skipReason?: string;
  trials: TrialResult[];
}

const order = (c: HtmlCase): number =>
  c.flip === 'regressed'
    ? 0
    : c.status === 'error'
      ? 1
      : c.status === 'failed'
        ? 2
        : c.flip === 'fixed'
          ? 3
          : c.status === 'skipped'
            ? 4
            : 5;

function htmlCase(cell: string, suite: string, result: CaseResult, flip: CaseFlip | undefined): HtmlCase {
  const tokens = { input: 0, output: 0 };
  for (const trial of result.trials) {
    tokens.input += trial.tokens.input;
    tokens.output += trial.tokens.output;
  }
  return {
    cell,
    suite,
    id: result.caseId,
    ...(result.name === undefined ? {} : { name: result.name }),
    status: result.status,
    ...(flip ? { flip: flip.direction, was: flip.baseline } : {}),
    passRate: result.passRate,
    ...(result.score === undefined ? {} : { score: result.score }),
    latencyMs: result.latencyMs,
    ...(result.costUsd === undefined ? {} : { costUsd: result.costUsd }),
    tokens,
    tags: result.tags,
    violations: result.violations,
    ...(result.skippedChecks === undefined ? {} : { skippedChecks: result.skippedChecks }),
    ...(result.skipReason === undefined ? {} : { skipReason: result.skipReason }),
    trials: result.trials,
  };
}

/**
 * The cases of a report in the order a reviewer reads them: regressions since the baseline, errors, failures,
 * fixes, skipped cases, then passes (each group in report order).
 */
export function htmlCases(report: RunReport, baseline?: RunReport): HtmlCase[] {
  const flips = new Map(
    (baseline ? caseFlips(baseline, report) : []).map((flip) => [flipKey(flip.cell, flip.suite, flip.caseId), flip]),
  );
  const cases: HtmlCase[] = [];
  for (const cell of reportCells(report)) {
    for (const suite of cell.suites) {
      for (const result of suite.cases) {
        cases.push(htmlCase(cell.id, suite.name, result, flips.get(flipKey(cell.id, suite.name, result.caseId))));
      }
    }
  }
  return cases
    .map((c, index) => ({ c, index }))
    .sort((a, b) => order(a.c) - order(b.c) || a.index - b.index)
    .map(({ c }) => c);
}
