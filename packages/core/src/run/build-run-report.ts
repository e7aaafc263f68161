import { randomUUID } from 'node:crypto';
import type { RunReport, RunReportOptions, SuiteResult } from '../schema/report.js';
import { summarizeLatenciesOrZero } from './summarize-suite.js';

export type RunStatus = RunReport['status'];

export interface BuildRunReportOptions {
  suites: SuiteResult[];
  status: RunStatus;
  statusReason?: string;
  /** When the run started; `createdAt` of the report. */
  startedAt: Date | string;
  /** Wall time of the run. @default now − startedAt */
  durationMs?: number;
  /** @default a random UUID */
  runId?: string;
  tier?: string;
  subject?: Record<string, string>;
  /** How the run was made (`skipJudge` for `--no-judge`); recorded only when it differs from the defaults. */
  options?: RunReportOptions;
  /** Trial latencies of the whole run, when the suites do not list their cases (streamed runs). */
  latencies?: readonly number[];
  /** @default Date.now */
  now?: () => number;
}

/** Assembles a `RunReport` (schemaVersion 1) from suite results, computing run totals. */
export function buildRunReport(options: BuildRunReportOptions): RunReport {
  const startedAt = typeof options.startedAt === 'string' ? new Date(options.startedAt) : options.startedAt;
  const now = options.now ?? Date.now;
  const counts = { cases: 0, passed: 0, failed: 0, errored: 0, skipped: 0, trials: 0, skippedTrials: 0 };
  const tokens = { input: 0, output: 0 };
  let costUsd = 0;
  let passedTrials = 0;
  for (const suite of options.suites) {
    counts.cases += suite.counts.cases;
    counts.passed += suite.counts.passed;
    counts.failed += suite.counts.failed;
    counts.errored += suite.counts.errored;
    counts.skipped += suite.counts.skipped ?? 0;
    counts.trials += suite.counts.trials;
    counts.skippedTrials += suite.counts.skippedTrials ?? 0;
    tokens.input += suite.tokens.input;
    tokens.output += suite.tokens.output;
    costUsd += suite.costUsd;
    // Recover passed trials from the rate: exact for reports we build, and independent of `cases` being listed.
    passedTrials += Math.round(suite.passRate * (suite.counts.trials - (suite.counts.skippedTrials ?? 0)));
  }
  const { skipped, skippedTrials, ...always } = counts;
  const evaluatedTrials = counts.trials - skippedTrials;
  const latencies =
    options.latencies ??
    options.suites.flatMap((suite) => suite.cases.flatMap((c) => c.trials.map((t) => t.latencyMs)));
  return {
    schemaVersion: 1,
    runId: options.runId ?? randomUUID(),
    createdAt: startedAt.toISOString(),
    status: options.status,
    ...(options.statusReason === undefined ? {} : { statusReason: options.statusReason }),
    ...(options.tier === undefined ? {} : { tier: options.tier }),
    ...(options.options?.skipJudge ? { options: { skipJudge: true } } : {}),
    subject: options.subject ?? {},
    suites: options.suites,
    totals: {
      counts: { ...always, ...(skipped > 0 ? { skipped } : {}), ...(skippedTrials > 0 ? { skippedTrials } : {}) },
      passRate: evaluatedTrials === 0 ? 0 : passedTrials / evaluatedTrials,
      tokens,
      costUsd,
      latencyMs: summarizeLatenciesOrZero(latencies),
      durationMs: options.durationMs ?? Math.max(0, now() - startedAt.getTime()),
    },
  };
}
