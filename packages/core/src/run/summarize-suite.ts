import type { CaseResult, SuiteResult } from '../schema/report.js';
import { summarizeLatencies } from '../stats/percentile.js';
import { wilsonInterval } from '../stats/wilson-interval.js';

export interface SummarizeSuiteOptions {
  name: string;
  file?: string;
  /** Pass-rate threshold the suite must meet; without one every case must pass. */
  threshold?: number;
  /** Confidence of the pass-rate interval. @default 0.95 */
  confidence?: number;
}

/**
 * Running totals of a suite, so the runner can summarise without keeping every case in memory.
 * `summarizeSuite` is this accumulator fed with a list.
 */
export interface SuiteAccumulator {
  add(result: CaseResult): void;
  /** Trial latencies seen so far (for run-level percentiles). */
  readonly latencies: readonly number[];
  /** The summary; `cases` is what the report lists (all of them, or none when results were streamed away). */
  result(cases?: CaseResult[]): SuiteResult;
}

export function createSuiteAccumulator(options: SummarizeSuiteOptions): SuiteAccumulator {
  const confidence = options.confidence ?? 0.95;
  const counts = { cases: 0, passed: 0, failed: 0, errored: 0, skipped: 0, trials: 0, skippedTrials: 0 };
  const tokens = { input: 0, output: 0 };
  const latencies: number[] = [];
  let passedTrials = 0;
  let costUsd = 0;
  return {
    latencies,
    add(result) {
      counts.cases++;
      if (result.status === 'passed') counts.passed++;
      else if (result.status === 'failed') counts.failed++;
      else if (result.status === 'skipped') counts.skipped++;
      else counts.errored++;
      for (const trial of result.trials) {
        counts.trials++;
        if (trial.status === 'passed') passedTrials++;
        else if (trial.status === 'skipped') counts.skippedTrials++;
        tokens.input += trial.tokens.input;
        tokens.output += trial.tokens.output;
        costUsd += trial.costUsd ?? 0;
        latencies.push(trial.latencyMs);
      }
    },
    result(cases = []) {
      // Skipped cases and trials were not evaluated: they are counted, never part of a pass rate or a pass.
      const evaluatedTrials = counts.trials - counts.skippedTrials;
      const evaluatedCases = counts.cases - counts.skipped;
      const passRate = evaluatedTrials === 0 ? 0 : passedTrials / evaluatedTrials;
      const interval = wilsonInterval(passedTrials, evaluatedTrials, confidence);
      const passed =
        evaluatedCases > 0 &&
        (options.threshold === undefined ? counts.passed === evaluatedCases : passRate >= options.threshold);
      const { skipped, skippedTrials, ...always } = counts;
      return {
        name: options.name,
        ...(options.file === undefined ? {} : { file: options.file }),
        ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
        passRate,
        interval: { ...interval, confidence, method: 'wilson' },
        passed,
        counts: { ...always, ...(skipped > 0 ? { skipped } : {}), ...(skippedTrials > 0 ? { skippedTrials } : {}) },
        tokens: { ...tokens },
        costUsd,
        latencyMs: summarizeLatenciesOrZero(latencies),
        cases,
      };
    },
  };
}

/**
 * Summarises a suite's case results: trial-level pass rate with its Wilson interval, whether it meets the
 * threshold (without one: every case passed), counts, tokens, cost and latency percentiles over trials.
 * Skipped cases and trials are counted (`skipped`, `skippedTrials`) and left out of the pass rate and the
 * verdict; a suite with no evaluated case does not pass.
 */
export function summarizeSuite(cases: CaseResult[], options: SummarizeSuiteOptions): SuiteResult {
  const accumulator = createSuiteAccumulator(options);
  for (const result of cases) accumulator.add(result);
  return accumulator.result(cases);
}

export function summarizeLatenciesOrZero(values: readonly number[]): SuiteResult['latencyMs'] {
  return values.length === 0 ? { p50: 0, p95: 0, p99: 0, mean: 0 } : summarizeLatencies(values);
}
