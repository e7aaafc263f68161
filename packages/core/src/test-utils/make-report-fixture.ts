import { createPrng } from '../mock/prng.js';
import { buildCaseResult } from '../run/build-case-result.js';
import { buildRunReport } from '../run/build-run-report.js';
import { summarizeSuite } from '../run/summarize-suite.js';
import type { CaseStatus, MatrixCell, RunReport, SuiteResult, TrialResult } from '../schema/report.js';

export interface ReportFixtureOptions {
  suites?: number;
  casesPerSuite?: number;
  trials?: number;
  /** Probability that a trial fails. @default 0.1 */
  failRate?: number;
  /** Probability that a trial errors. @default 0.01 */
  errorRate?: number;
  seed?: number;
  /** Extra text put in every response (e.g. markup to check escaping). */
  responseExtra?: string;
}

function trialOf(caseId: string, trial: number, status: CaseStatus, extra: string): TrialResult {
  const violations: TrialResult['violations'] =
    status === 'failed'
      ? [{ check: 'keyword', message: `the response does not contain "refund" (${caseId})`, severity: 'failure' }]
      : status === 'error'
        ? [{ check: 'llm_error', message: 'the provider answered 503 three times', severity: 'error' }]
        : [];
  return {
    trial,
    status,
    toolsCalled: [{ name: 'lookup_order', arguments: { orderId: `A-${caseId}` } }],
    response: `Your order ${caseId} has shipped.${extra}`,
    tokens: { input: 120, output: 30 },
    latencyMs: 100 + trial * 10,
    costUsd: 0.0001,
    score: status === 'passed' ? 0.9 : 0.3,
    judgeReason: status === 'passed' ? 'Gives the order status.' : 'Misses the refund policy.',
    violations,
    trajectory: [
      {
        step: 0,
        text: '',
        toolCalls: [{ name: 'lookup_order', arguments: { orderId: `A-${caseId}` } }],
        finishReason: 'tool_calls',
      },
      { step: 1, text: `Your order ${caseId} has shipped.`, toolCalls: [], finishReason: 'stop' },
    ],
  };
}

/** Suites of random but seeded outcomes (same seed, same report). */
export function makeSuites(options: ReportFixtureOptions = {}): SuiteResult[] {
  const random = createPrng(options.seed ?? 1);
  const failRate = options.failRate ?? 0.1;
  const errorRate = options.errorRate ?? 0.01;
  const suites: SuiteResult[] = [];
  for (let s = 0; s < (options.suites ?? 2); s++) {
    const cases = [];
    for (let c = 0; c < (options.casesPerSuite ?? 10); c++) {
      const caseId = `case-${s}-${c}`;
      const trials: TrialResult[] = [];
      for (let t = 0; t < (options.trials ?? 1); t++) {
        const draw = random();
        const status: CaseStatus = draw < errorRate ? 'error' : draw < errorRate + failRate ? 'failed' : 'passed';
        trials.push(trialOf(caseId, t, status, options.responseExtra ?? ''));
      }
      cases.push(buildCaseResult({ caseId, trials, tags: ['fixture'] }));
    }
    suites.push(summarizeSuite(cases, { name: `suite-${s}`, file: `suites/suite-${s}.suite.yaml`, threshold: 0.8 }));
  }
  return suites;
}

/** A complete run report with seeded outcomes. */
export function makeReportFixture(options: ReportFixtureOptions = {}): RunReport {
  return buildRunReport({
    suites: makeSuites(options),
    status: 'complete',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    durationMs: 1234,
    runId: `fixture-${options.seed ?? 1}`,
    tier: 'dev',
  });
}

/** A matrix report (schemaVersion 2) whose cells have the given fail rates. */
export function makeMatrixFixture(
  cells: Array<{ id: string; model?: string; promptVersion?: string; failRate: number }>,
  options: ReportFixtureOptions = {},
): RunReport {
  const built: MatrixCell[] = cells.map((cell) => {
    const report = makeReportFixture({ ...options, failRate: cell.failRate, seed: options.seed ?? 1 });
    return {
      id: cell.id,
      ...(cell.model === undefined ? {} : { model: cell.model }),
      ...(cell.promptVersion === undefined ? {} : { promptVersion: cell.promptVersion }),
      suites: report.suites,
      totals: report.totals,
    };
  });
  const first = built[0] as MatrixCell;
  return {
    ...makeReportFixture(options),
    schemaVersion: 2,
    suites: first.suites,
    totals: first.totals,
    matrix: { cells: built },
  };
}
