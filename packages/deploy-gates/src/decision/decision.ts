import { z } from 'zod';

export const GateActionSchema = z.enum(['promote', 'advance', 'hold', 'rollback']);
/** `rollback` < `hold` < `advance` / `promote`: the order used to combine checks. */
export type GateAction = z.infer<typeof GateActionSchema>;

export const VerdictSchema = z.enum(['pass', 'fail', 'inconclusive', 'skipped']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** One row of evidence: one check, with its numbers, its test and its verdict. */
export const EvidenceSchema = z
  .object({
    /** Stable id of the check, e.g. `passRate.nonInferiority`, `sla.latencyP99`, `drift.toolCalls`. */
    check: z.string(),
    /** What was measured, e.g. `pass rate`, `p99 latency (ms)`. */
    metric: z.string(),
    /** The suite the row is about; absent for the whole run. */
    suite: z.string().optional(),
    baseline: z.number().nullable(),
    candidate: z.number().nullable(),
    /** Candidate − baseline (or a ratio, per `metric`) when that is what the test is about. */
    difference: z.number().optional(),
    interval: z.object({ low: z.number(), high: z.number(), confidence: z.number() }).strict().optional(),
    pValue: z.number().optional(),
    /** Sample sizes behind the numbers, e.g. trials or pairs. */
    samples: z.object({ baseline: z.number(), candidate: z.number() }).strict().optional(),
    /**
     * On an inconclusive non-inferiority check: the trials per arm (pairs, when paired) at which the interval would
     * clear the margin if the observed rates held — a sample-size estimate for the HOLD.
     */
    trialsNeeded: z.number().int().positive().optional(),
    /** The statistical test or rule, e.g. `exact McNemar, one-sided`. */
    test: z.string(),
    /** The rule the value must meet, in words, e.g. `lower bound > −0.05`. */
    threshold: z.string(),
    verdict: VerdictSchema,
    /** What a failing verdict does to the decision. */
    effect: z.enum(['rollback', 'hold', 'none']),
  })
  .strict();
export type Evidence = z.infer<typeof EvidenceSchema>;

export const DecisionSchema = z
  .object({
    action: GateActionSchema,
    /** Plain sentences: why this action, most important first. */
    reasons: z.array(z.string()),
    evidence: z.array(EvidenceSchema),
    /** How the pass rates were compared. */
    comparison: z.enum(['paired', 'unpaired']).optional(),
    /** The canary step this decision is about (traffic %), when one was given. */
    step: z.number().optional(),
    nextStep: z.number().optional(),
  })
  .strict();
/** The gate's answer: what to do, why, and every number behind it. */
export type Decision = z.infer<typeof DecisionSchema>;

const rank: Record<GateAction, number> = { rollback: 0, hold: 1, advance: 2, promote: 2 };

/** Orders actions: rollback (0) < hold (1) < advance = promote (2). */
export function actionRank(action: GateAction): number {
  return rank[action];
}
