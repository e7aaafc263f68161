import { z } from 'zod';

const ratio = z.number().gt(0);
const unit = z.number().min(0).max(1);

/** Service-level agreements a candidate must keep. Every field is optional: a missing one is not checked. */
export const SlaPolicySchema = z
  .object({
    /** Latency SLA on the candidate's trial latencies. */
    latency: z
      .object({
        /** Highest acceptable candidate p99 latency, in milliseconds. */
        p99MaxMs: z.number().gt(0).optional().describe('Highest acceptable candidate p99 latency (ms).'),
        /** Highest acceptable candidate p99 ÷ baseline p99 (1.2 = at most 20% slower). */
        maxIncreaseRatio: ratio.optional().describe('Highest acceptable candidate p99 ÷ baseline p99.'),
      })
      .strict()
      .optional(),
    /** Highest acceptable mean tokens per trial, candidate ÷ baseline. */
    tokens: z
      .object({
        maxIncreaseRatio: ratio.optional().describe('Highest acceptable mean tokens per trial, candidate ÷ baseline.'),
      })
      .strict()
      .optional(),
    /** Highest acceptable mean cost per trial, candidate ÷ baseline. */
    cost: z
      .object({
        maxIncreaseRatio: ratio.optional().describe('Highest acceptable mean cost per trial, candidate ÷ baseline.'),
      })
      .strict()
      .optional(),
    /** Lowest acceptable share of trials without a tool-call violation. */
    toolCallAccuracyMin: unit.optional().describe('Lowest acceptable share of trials without a tool-call violation.'),
    /** Highest acceptable share of trials that errored (an LLM, judge or tool error). @default 0.05 */
    errorRateMax: unit.optional(),
  })
  .strict();

/** What a suite may override: the pass-rate rules and the SLAs. */
export const SuitePolicySchema = SlaPolicySchema.extend({
  minPassRate: unit.optional(),
  nonInferiorityMargin: unit.optional(),
  minSamples: z.number().int().min(1).optional(),
}).strict();

export const DriftPolicySchema = z
  .object({
    /** Turn drift checks off entirely. @default true */
    enabled: z.boolean().default(true),
    /** Population stability index above which tool-call frequencies have drifted. @default 0.25 */
    toolCallPsiMax: z.number().gt(0).default(0.25),
    /** Population stability index above which the response-length distribution has drifted. @default 0.25 */
    responseLengthPsiMax: z.number().gt(0).default(0.25),
    /** Number of quantile bins of the response lengths (both sides pooled). @default 10 */
    responseLengthBins: z.number().int().min(2).max(100).default(10),
    /** What drift does to the decision: roll back, hold, or only report it. @default 'rollback' */
    action: z.enum(['rollback', 'hold', 'report']).default('rollback'),
  })
  .strict();

export const CanaryPolicySchema = z
  .object({
    /**
     * Traffic percentages of the canary steps, strictly increasing. Passing the last step promotes; moving into it
     * (or promoting) needs positive live evidence. @default [5, 25, 50, 100]
     */
    steps: z
      .array(z.number().gt(0).max(100))
      .min(1)
      .default([5, 25, 50, 100])
      .refine((steps) => steps.every((step, i) => i === 0 || step > (steps[i - 1] as number)), {
        message: 'steps must be strictly increasing',
      }),
    /** Requests per step (canary and stable each) below which the step's analysis holds. @default 100 */
    minRequestsPerStep: z.number().int().min(1).default(100),
    /**
     * Failure-rate ratio (canary ÷ stable) the canary must be shown to stay below before the last step promotes,
     * and the smallest harm the rollback test is tuned to detect. @default 1.5
     */
    maxFailureRatio: z.number().gt(1).default(1.5),
  })
  .strict();

/**
 * A gate policy (`gates.yaml`). camelCase is canonical; snake_case keys are accepted on input.
 * `confidence` is the two-sided level of every interval, so each one-sided decision errs with probability at
 * most (1 − confidence) / 2.
 */
export const GatePolicySchema = SlaPolicySchema.extend({
  /** Lowest acceptable candidate pass rate (the seed's 90%). Errored trials count as failures. @default 0.9 */
  minPassRate: unit.default(0.9).describe('Lowest acceptable candidate pass rate; errored trials count as failures.'),
  /** How much lower (absolute) the candidate's pass rate may be than the baseline's. @default 0.05 */
  nonInferiorityMargin: unit
    .default(0.05)
    .describe("How much lower (absolute) the candidate's pass rate may be than the baseline's."),
  /** Two-sided confidence of every interval. @default 0.95 */
  confidence: z.number().gt(0.5).lt(1).default(0.95).describe('Two-sided confidence of every interval.'),
  /** Trials per side below which the gate holds. @default 30 */
  minSamples: z.number().int().min(1).default(30).describe('Trials per side below which the gate holds.'),
  errorRateMax: unit.default(0.05).describe('Highest acceptable share of errored trials.'),
  /** Per-suite overrides, keyed by suite name. */
  suites: z.record(z.string(), SuitePolicySchema).default({}).describe('Per-suite overrides, keyed by suite name.'),
  drift: DriftPolicySchema.default(DriftPolicySchema.parse({})),
  canary: CanaryPolicySchema.default(CanaryPolicySchema.parse({})),
}).strict();

export type SlaPolicy = z.infer<typeof SlaPolicySchema>;
export type GatePolicy = z.infer<typeof GatePolicySchema>;
export type GatePolicyInput = z.input<typeof GatePolicySchema>;
export type SuitePolicy = z.infer<typeof SuitePolicySchema>;
export type DriftPolicy = z.infer<typeof DriftPolicySchema>;
export type CanaryPolicy = z.infer<typeof CanaryPolicySchema>;

/** The default policy (what `agent-cicd gate` uses without `--policy`). */
export function defaultPolicy(): GatePolicy {
  return GatePolicySchema.parse({});
}
