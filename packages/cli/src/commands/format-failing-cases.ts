import type { CaseResult } from '@agent-cicd/core';

export interface FailingCase {
  suite: string;
  result: CaseResult;
}

/**
 * One block per case that did not pass: `✗ suite › case (failed, 1/3 trials passed)` and its first violation, or
 * every violation with `verbose`; a skipped case (not evaluated) is one line `- suite › case (skipped: reason)`. Violations repeated across trials are listed once (they carry their trials).
 */
export function formatFailingCases(failing: FailingCase[], verbose: boolean): string {
  if (failing.length === 0) return '';
  const lines: string[] = [];
  for (const { suite, result } of failing) {
    if (result.status === 'skipped') {
      lines.push(`- ${suite} › ${result.caseId} (skipped: ${result.skipReason ?? 'not evaluated'})`);
      continue;
    }
    const passedTrials = result.trials.filter((trial) => trial.status === 'passed').length;
    lines.push(
      `${result.status === 'error' ? '!' : '✗'} ${suite} › ${result.caseId} (${result.status}, ${passedTrials}/${result.trials.length} trials passed)`,
    );
    const violations = verbose ? result.violations : result.violations.slice(0, 1);
    for (const violation of violations) lines.push(`    ${violation.check}: ${violation.message}`);
    if (!verbose && result.violations.length > 1) {
      lines.push(`    … ${result.violations.length - 1} more (--verbose)`);
    }
  }
  return `${lines.join('\n')}\n`;
}
