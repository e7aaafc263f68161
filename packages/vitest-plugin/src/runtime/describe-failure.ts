import type { CaseResult, TrialResult } from '@agent-cicd/core';
import { excerpt } from './excerpt.js';

/**
 * The message of a failed or errored case: the violations in words (each once, with how many trials hit it)
 * and the response of the first trial that did not pass.
 */
export function describeFailure(result: CaseResult): string {
  const trials = result.trials.length;
  const passedTrials = result.trials.filter((trial) => trial.status === 'passed').length;
  const head =
    trials > 1
      ? `case ${result.caseId} ${result.status} (${passedTrials}/${trials} trials passed)`
      : `case ${result.caseId} ${result.status}`;
  const counts = new Map<string, number>();
  for (const trial of result.trials) {
    for (const violation of new Set(trial.violations.map((v) => v.message))) {
      counts.set(violation, (counts.get(violation) ?? 0) + 1);
    }
  }
  const violations = [...counts].map(([message, count]) =>
    trials > 1 ? `  - ${message} (${count}/${trials} trials)` : `  - ${message}`,
  );
  const failing: TrialResult | undefined = result.trials.find((trial) => trial.status !== 'passed');
  const lines = [head, ...violations];
  if (failing) {
    const tools = failing.toolsCalled.map((call) => call.name);
    lines.push(`  tools called: ${tools.length ? tools.join(', ') : '(none)'}`);
    lines.push(`  response: ${excerpt(failing.response)}`);
  }
  return lines.join('\n');
}
