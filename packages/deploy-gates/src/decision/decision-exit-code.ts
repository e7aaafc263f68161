import type { Decision } from './decision.js';

/** Process exit codes of a gate decision: what CI scripts branch on. */
export const DECISION_EXIT_CODES = { promote: 0, advance: 0, rollback: 1, hold: 3 } as const;

/**
 * The exit code of a decision: PROMOTE and ADVANCE 0, ROLLBACK 1, HOLD 3 (2 is reserved for invalid input).
 * `agent-cicd gate` and the pipeline's gate stages exit with it.
 *
 * @example process.exitCode = decisionExitCode(decide({ baseline, candidate, policy }));
 */
export function decisionExitCode(decision: Pick<Decision, 'action'>): number {
  return DECISION_EXIT_CODES[decision.action];
}
