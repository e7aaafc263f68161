import { judgeSkippedReason } from '../eval/evaluate-case.js';
import { buildCaseResult } from '../run/build-case-result.js';
import type { CaseResult, CaseStatus, TrialResult } from '../schema/report.js';

/** A trial with plausible defaults, for tests of the summaries. */
export function makeTrial(overrides: Partial<TrialResult> = {}): TrialResult {
  return {
    trial: 0,
    status: 'passed',
    toolsCalled: [],
    response: 'ok',
    tokens: { input: 10, output: 5 },
    latencyMs: 100,
    violations: [],
    ...overrides,
  };
}

/** A case whose trials have the given statuses. */
export function makeCase(caseId: string, statuses: CaseStatus[], trial: Partial<TrialResult> = {}): CaseResult {
  return buildCaseResult({
    caseId,
    trials: statuses.map((status, index) =>
      makeTrial({
        ...trial,
        trial: index,
        status,
        violations:
          status === 'passed' || status === 'skipped'
            ? []
            : [{ check: 'keyword', message: 'missing keyword "refund"', severity: 'failure' }],
        ...(status === 'skipped' ? { skippedChecks: ['judge'], skipReason: judgeSkippedReason } : {}),
      }),
    ),
  });
}
