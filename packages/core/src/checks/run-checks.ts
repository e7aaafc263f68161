import type { Violation } from '../schema/report.js';
import type { CheckOutcome } from './check-outcome.js';
import { type Check, modelGradedCheckTypes } from './check-schema.js';
import { evaluateModelCheck, type ModelCheckContext } from './evaluate-model-check.js';
import { type CheckSubject, evaluateTextCheck } from './evaluate-text-check.js';

export interface RunChecksOptions extends ModelCheckContext {
  checks: readonly Check[];
  subject: CheckSubject;
  /** Leave model-graded checks unrun (`--no-judge`); they are counted in `skipped`. `similar` still runs. */
  skipModelGraded?: boolean;
}

export interface ChecksEvaluation {
  violations: Violation[];
  /** Weighted mean of the checks' scores (negated checks count `1 − score`); absent when no check produced one. */
  score?: number;
  /** Total weight behind `score`. */
  weight: number;
  skipped: number;
  /** Names (or types) of the checks left unrun, in order. */
  skippedChecks: string[];
  /** Checks that ran (held, failed or could not run). */
  ran: number;
  tokens: { input: number; output: number };
  costUsd?: number;
}

const modelGraded = new Set<string>(modelGradedCheckTypes);

/**
 * Runs a case's `checks` on one trial, in order. A check that does not hold (or, with `not: true`, holds) is a
 * `failure` violation with the measured value; one that cannot run is an `error` violation — never a pass.
 */
export async function runChecks(options: RunChecksOptions): Promise<ChecksEvaluation> {
  const evaluation: ChecksEvaluation = {
    violations: [],
    weight: 0,
    skipped: 0,
    skippedChecks: [],
    ran: 0,
    tokens: { input: 0, output: 0 },
  };
  let weighted = 0;
  for (const check of options.checks) {
    if (options.skipModelGraded && modelGraded.has(check.type)) {
      evaluation.skipped++;
      evaluation.skippedChecks.push(check.name ?? check.type);
      continue;
    }
    evaluation.ran++;
    let outcome: CheckOutcome | undefined;
    try {
      outcome = await evaluateTextCheck(check, options.subject);
      if (outcome === undefined) {
        const graded = await evaluateModelCheck(check, options.subject, options);
        outcome = graded.outcome;
        evaluation.tokens.input += graded.tokens.input;
        evaluation.tokens.output += graded.tokens.output;
        if (graded.costUsd !== undefined) evaluation.costUsd = (evaluation.costUsd ?? 0) + graded.costUsd;
      }
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      outcome = { error: `the ${check.type} check failed to run: ${(cause as Error).message}` };
    }
    const label = `${check.not ? 'not ' : ''}${check.name ?? check.type}`;
    if ('error' in outcome) {
      evaluation.violations.push({
        check: check.name ?? check.type,
        message: `check ${label}: ${outcome.error}`,
        severity: 'error',
      });
      continue;
    }
    const holds = check.not ? !outcome.holds : outcome.holds;
    const score = check.not ? 1 - outcome.score : outcome.score;
    const weight = check.weight ?? 1;
    weighted += weight * score;
    evaluation.weight += weight;
    if (!holds) {
      evaluation.violations.push({
        check: check.name ?? check.type,
        message: `check ${label} failed: ${outcome.detail}`,
        severity: 'failure',
        ...(outcome.value === undefined ? {} : { value: outcome.value }),
      });
    }
  }
  if (evaluation.weight > 0) evaluation.score = weighted / evaluation.weight;
  return evaluation;
}
