import type { CaseResult } from '@agent-cicd/core';
import { buildCaseResult } from '@agent-cicd/core/testing';

/** A case that has no result from the engine (its test failed first, it timed out): an error with `message`. */
export function erroredCase(caseId: string, message: string): CaseResult {
  const violation = { check: 'error', message, severity: 'error' as const };
  const trial = {
    trial: 0,
    status: 'error' as const,
    toolsCalled: [],
    response: '',
    tokens: { input: 0, output: 0 },
    latencyMs: 0,
    violations: [violation],
  };
  return buildCaseResult({ caseId, trials: [trial] });
}
