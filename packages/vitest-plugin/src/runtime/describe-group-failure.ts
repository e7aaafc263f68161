import type { CaseResult } from '@agent-cicd/core';
import { describeFailure } from './describe-failure.js';

/** A case of a group that did not pass, with where it is written (`file:line`). */
export interface GroupFailure {
  result: CaseResult;
  location: string;
}

/** Cases described in full in a group's message; the rest get one line each (the report has them all). */
export const DETAILED_FAILURES = 10;

/**
 * The message of a Vitest test running several cases when some did not pass: a head naming them, then each one
 * at its `file:line` with its violations (the first `DETAILED_FAILURES` in full, as a one-case test shows them).
 */
export function describeGroupFailure(failures: GroupFailure[], count: number): string {
  const ids = failures.map(({ result }) => result.caseId);
  const shown = ids.length > 20 ? `${ids.slice(0, 20).join(', ')}, …` : ids.join(', ');
  const lines = [`${failures.length} of ${count} cases did not pass: ${shown}`];
  for (const [i, { result, location }] of failures.entries()) {
    if (i < DETAILED_FAILURES) lines.push(`${location}: ${describeFailure(result)}`);
    else {
      const reason = result.violations[0]?.message ?? result.status;
      lines.push(`${location}: case ${result.caseId} ${result.status} — ${reason}`);
    }
  }
  return lines.join('\n');
}
