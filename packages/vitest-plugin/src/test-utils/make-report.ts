import type { CaseResult, RunReport } from '@agent-cicd/core';
import { buildCaseResult, buildRunReport, summarizeSuite } from '@agent-cicd/core/testing';

/** A case with the given trial outcomes (`'passed' | 'failed' | 'error'` each), built by the engine. */
export function makeCase(caseId: string, outcomes: Array<'passed' | 'failed' | 'error'>): CaseResult {
  return buildCaseResult({
    caseId,
    trials: outcomes.map((status, trial) => ({
      trial,
      status,
      toolsCalled: status === 'passed' ? [{ name: 'lookup_order', arguments: { orderId: '42' } }] : [],
      response: status === 'passed' ? 'Your refund is on its way.' : 'Sorry, I cannot help with that.',
      tokens: { input: 100, output: 20 },
      latencyMs: 50 + trial * 10,
      violations:
        status === 'passed'
          ? []
          : status === 'failed'
            ? [{ check: 'expected_tool', message: 'expected tool "lookup_order" was not called', severity: 'failure' }]
            : [{ check: 'llm_error', message: 'the model call failed: rate limited', severity: 'error' }],
    })),
  });
}

export function makeReport(suites: Array<{ name: string; threshold?: number; cases: CaseResult[] }>): RunReport {
  return buildRunReport({
    suites: suites.map(({ name, threshold, cases }) =>
      summarizeSuite(cases, {
        name,
        file: `prompts/${name}.prompt.yaml`,
        ...(threshold === undefined ? {} : { threshold }),
      }),
    ),
    status: 'complete',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    durationMs: 1000,
    runId: 'run-1',
    tier: 'dev',
  });
}
