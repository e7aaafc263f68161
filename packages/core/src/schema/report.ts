import { z } from 'zod';

/**
 * Result shapes written by the runner and the Vitest reporter and read by the deploy gates.
 * Reports are our own output, so they use camelCase only (see docs/decisions.md: key convention).
 */

export const ViolationSchema = z
  .object({
    /** Which check produced it: `expected_tool`, `forbidden_tool`, `keyword`, `forbidden_keyword`, `token_limit`, `latency_limit`, `json_schema`, `assertion`, `judge`, `tool_schema`, `tool_not_enabled`, `llm_error`, `judge_error`, … */
    check: z.string(),
    /** A sentence a person can read, e.g. `expected tool "search_kb" was not called`. */
    message: z.string(),
    /** `error` means the check could not run (the trial's status becomes `error`). */
    severity: z.enum(['failure', 'error']).default('failure'),
    /** What a measured check found (a similarity, a count, milliseconds, USD), when it measures a number. */
    value: z.number().optional(),
  })
  .strict();
export type Violation = z.infer<typeof ViolationSchema>;

export const CaseStatusSchema = z.enum(['passed', 'failed', 'error']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const ToolCallRecordSchema = z
  .object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).default({}) })
  .strict();

export const TokenUsageSchema = z.object({ input: z.number().int().min(0), output: z.number().int().min(0) }).strict();

/** One execution of a case. A case with `trials: k` has k of these. */
export const TrialResultSchema = z
  .object({
    trial: z.number().int().min(0),
    status: CaseStatusSchema,
    toolsCalled: z.array(ToolCallRecordSchema),
    response: z.string(),
    tokens: TokenUsageSchema,
    latencyMs: z.number().min(0),
    costUsd: z.number().min(0).optional(),
    score: z.number().min(0).max(1).optional(),
    violations: z.array(ViolationSchema),
  })
  .strict();
export type TrialResult = z.infer<typeof TrialResultSchema>;

/** The seed's `PromptTestResult` (`case_id, passed, tools_called, response_preview, token_count, violations, score`), camelCased, plus trials. */
export const CaseResultSchema = z
  .object({
    caseId: z.string(),
    name: z.string().optional(),
    /** `passed` only if every trial passed; `error` if any trial errored; otherwise `failed`. */
    status: CaseStatusSchema,
    passed: z.boolean(),
    toolsCalled: z.array(z.string()),
    responsePreview: z.string(),
    tokenCount: z.number().int().min(0),
    violations: z.array(ViolationSchema),
    score: z.number().min(0).max(1).optional(),
    latencyMs: z.number().min(0),
    costUsd: z.number().min(0).optional(),
    /** Fraction of trials that passed. */
    passRate: z.number().min(0).max(1),
    /** tau-bench pass^k and pass@k over this case's trials (k = number of trials). */
    passHatK: z.number().min(0).max(1),
    passAtK: z.number().min(0).max(1),
    tags: z.array(z.string()).default([]),
    trials: z.array(TrialResultSchema).min(1),
  })
  .strict();
export type CaseResult = z.infer<typeof CaseResultSchema>;

export const IntervalSchema = z
  .object({ low: z.number(), high: z.number(), confidence: z.number().gt(0).lt(1), method: z.string() })
  .strict();

export const LatencySummarySchema = z
  .object({ p50: z.number().min(0), p95: z.number().min(0), p99: z.number().min(0), mean: z.number().min(0) })
  .strict();

export const CountsSchema = z
  .object({
    cases: z.number().int().min(0),
    passed: z.number().int().min(0),
    failed: z.number().int().min(0),
    errored: z.number().int().min(0),
    trials: z.number().int().min(0),
  })
  .strict();

export const SuiteResultSchema = z
  .object({
    name: z.string(),
    file: z.string().optional(),
    /** The suite's pass-rate threshold, if it has one. */
    threshold: z.number().min(0).max(1).optional(),
    /** Trial-level pass rate (passed trials ÷ trials) with its Wilson interval. */
    passRate: z.number().min(0).max(1),
    interval: IntervalSchema,
    /** Whether the suite meets its threshold (or, without one, every case passed). */
    passed: z.boolean(),
    counts: CountsSchema,
    tokens: TokenUsageSchema,
    costUsd: z.number().min(0),
    latencyMs: LatencySummarySchema,
    cases: z.array(CaseResultSchema),
  })
  .strict();
export type SuiteResult = z.infer<typeof SuiteResultSchema>;

export const RunStatusSchema = z.enum(['complete', 'incomplete', 'budget_exceeded']);

export const RunReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    runId: z.string(),
    createdAt: z.string(),
    status: RunStatusSchema,
    /** Why the run is not complete (signal, budget), when it is not. */
    statusReason: z.string().optional(),
    tier: z.string().optional(),
    /** What was tested: git sha, prompt versions and hashes, model. Free-form labels. */
    subject: z.record(z.string(), z.string()).default({}),
    suites: z.array(SuiteResultSchema),
    totals: z
      .object({
        counts: CountsSchema,
        passRate: z.number().min(0).max(1),
        tokens: TokenUsageSchema,
        costUsd: z.number().min(0),
        latencyMs: LatencySummarySchema,
        durationMs: z.number().min(0),
      })
      .strict(),
  })
  .strict();
export type RunReport = z.infer<typeof RunReportSchema>;
