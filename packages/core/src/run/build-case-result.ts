import type { CaseResult, CaseStatus, TrialResult, Violation } from '../schema/report.js';
import { passAtK, passHatK } from '../stats/pass-at-k.js';
import { caseStatusOf } from './case-status-of.js';

export interface BuildCaseResultOptions {
  caseId: string;
  name?: string;
  tags?: string[];
  trials: TrialResult[];
  /** Characters of the response kept in `responsePreview`. @default 200 */
  previewLength?: number;
}

/**
 * Folds the trials of one case into its `CaseResult` (status by `caseStatusOf`: it passes only if every trial
 * passed, is an error if any trial errored, `skipped` when no trial failed and some were not evaluated). Pass
 * rate, pass^k and pass@k count the evaluated trials only (0 when none was). The seed's single-run fields (`toolsCalled`, `responsePreview`, `tokenCount`)
 * come from the first trial that did not pass (the one worth reading), or the first trial.
 */
export function buildCaseResult(options: BuildCaseResultOptions): CaseResult {
  const { trials } = options;
  const shown = trials.find((trial) => trial.status !== 'passed') ?? trials[0];
  if (!shown) throw new Error(`case "${options.caseId}" has no trials`);
  const passedTrials = trials.filter((trial) => trial.status === 'passed').length;
  const evaluated = trials.filter((trial) => trial.status !== 'skipped').length;
  const status: CaseStatus = caseStatusOf(trials);
  const skippedChecks = [...new Set(trials.flatMap((trial) => trial.skippedChecks ?? []))];
  const skipReason = trials.find((trial) => trial.status === 'skipped')?.skipReason;
  const scores = trials.flatMap((trial) => (trial.score === undefined ? [] : [trial.score]));
  const costs = trials.flatMap((trial) => (trial.costUsd === undefined ? [] : [trial.costUsd]));
  const previewLength = options.previewLength ?? 200;
  return {
    caseId: options.caseId,
    ...(options.name === undefined ? {} : { name: options.name }),
    status,
    passed: status === 'passed',
    toolsCalled: shown.toolsCalled.map((call) => call.name),
    responsePreview:
      shown.response.length > previewLength ? `${shown.response.slice(0, previewLength)}…` : shown.response,
    tokenCount: shown.tokens.input + shown.tokens.output,
    violations: collectViolations(trials),
    ...(skippedChecks.length === 0 ? {} : { skippedChecks }),
    ...(status === 'skipped' && skipReason !== undefined ? { skipReason } : {}),
    ...(scores.length === 0 ? {} : { score: scores.reduce((a, b) => a + b, 0) / scores.length }),
    latencyMs: trials.reduce((sum, trial) => sum + trial.latencyMs, 0) / trials.length,
    ...(costs.length === 0 ? {} : { costUsd: costs.reduce((a, b) => a + b, 0) }),
    passRate: evaluated === 0 ? 0 : passedTrials / evaluated,
    passHatK: evaluated === 0 ? 0 : passHatK(evaluated, passedTrials, evaluated),
    passAtK: evaluated === 0 ? 0 : passAtK(evaluated, passedTrials, evaluated),
    tags: options.tags ?? [],
    trials,
  };
}

/** Violations of every trial; with several trials each message says which trial, identical ones are merged. */
function collectViolations(trials: TrialResult[]): Violation[] {
  if (trials.length === 1) return trials[0]?.violations ?? [];
  const merged = new Map<string, { violation: Violation; trials: number[] }>();
  for (const trial of trials) {
    for (const violation of trial.violations) {
      const key = `${violation.check}\u0000${violation.severity}\u0000${violation.message}`;
      const entry = merged.get(key) ?? { violation, trials: [] };
      entry.trials.push(trial.trial + 1);
      merged.set(key, entry);
    }
  }
  return [...merged.values()].map(({ violation, trials: which }) => ({
    ...violation,
    message: `${which.length === 1 ? 'trial' : 'trials'} ${which.join(', ')} of ${trials.length}: ${violation.message}`,
  }));
}
