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

/**
 * `skipped`: nothing decided the verdict because every check the trial (or case) has was left unrun — the judge
 * and model-graded checks under `--no-judge` (docs/decisions.md: skipped cases). Never a pass.
 */
export const CaseStatusSchema = z.enum(['passed', 'failed', 'error', 'skipped']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const ToolCallRecordSchema = z
  .object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).default({}) })
  .strict();

export const TokenUsageSchema = z.object({ input: z.number().int().min(0), output: z.number().int().min(0) }).strict();

/** One model call of a trial, as kept in the report: what the model said and the tools it asked for. */
export const TrajectoryStepSchema = z
  .object({
    step: z.number().int().min(0),
    text: z.string(),
    toolCalls: z.array(
      z
        .object({
          name: z.string(),
          arguments: z.record(z.string(), z.unknown()).default({}),
          /** The tool's error, when it failed. */
          error: z.string().optional(),
        })
        .strict(),
    ),
    finishReason: z.string().optional(),
  })
  .strict();
export type TrajectoryStep = z.infer<typeof TrajectoryStepSchema>;

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
    /** The judge's reason for its score, when a judge graded the trial. */
    judgeReason: z.string().optional(),
    violations: z.array(ViolationSchema),
    /** Checks left unrun because the judge was skipped (`--no-judge`): `judge` (expectedBehavior) and model-graded check names. */
    skippedChecks: z.array(z.string()).optional(),
    /** Why the trial is `skipped`, when it is. */
    skipReason: z.string().optional(),
    /** The model calls of the trial, when the target reported them (prompt targets do). */
    trajectory: z.array(TrajectoryStepSchema).optional(),
  })
  .strict();
export type TrialResult = z.infer<typeof TrialResultSchema>;

/** The seed's `PromptTestResult` (`case_id, passed, tools_called, response_preview, token_count, violations, score`), camelCased, plus trials. */
export const CaseResultSchema = z
  .object({
    caseId: z.string(),
    name: z.string().optional(),
    /** `error` if any trial errored; else `failed` if any trial failed; else `skipped` if any trial was skipped; else `passed`. */
    status: CaseStatusSchema,
    passed: z.boolean(),
    toolsCalled: z.array(z.string()),
    responsePreview: z.string(),
    tokenCount: z.number().int().min(0),
    violations: z.array(ViolationSchema),
    /** Checks its trials left unrun because the judge was skipped (`--no-judge`). */
    skippedChecks: z.array(z.string()).optional(),
    /** Why the case is `skipped`, when it is. */
    skipReason: z.string().optional(),
    score: z.number().min(0).max(1).optional(),
    latencyMs: z.number().min(0),
    costUsd: z.number().min(0).optional(),
    /** Fraction of the evaluated (not skipped) trials that passed; 0 when none was evaluated. */
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
    /** Cases not evaluated (`skipped`); absent means 0 (and in reports older than the status). */
    skipped: z.number().int().min(0).optional(),
    trials: z.number().int().min(0),
    /** Trials not evaluated (`skipped`), part of `trials`; pass rates leave them out. Absent means 0. */
    skippedTrials: z.number().int().min(0).optional(),
  })
  .strict();

export const SuiteResultSchema = z
  .object({
    name: z.string(),
    file: z.string().optional(),
    /** The suite's pass-rate threshold, if it has one. */
    threshold: z.number().min(0).max(1).optional(),
    /** Trial-level pass rate (passed trials ÷ evaluated trials, skipped ones left out) with its Wilson interval. */
    passRate: z.number().min(0).max(1),
    interval: IntervalSchema,
    /** Whether the suite meets its threshold (or, without one, every evaluated case passed); false when no case was evaluated. */
    passed: z.boolean(),
    counts: CountsSchema,
    tokens: TokenUsageSchema,
    costUsd: z.number().min(0),
    latencyMs: LatencySummarySchema,
    cases: z.array(CaseResultSchema),
  })
  .strict();
export type SuiteResult = z.infer<typeof SuiteResultSchema>;

export const RunReportOptionsSchema = z
  .object({
    /** `--no-judge`: the judge and model-graded checks were left unrun; cases with nothing else to check are `skipped`. */
    skipJudge: z.boolean().optional(),
  })
  .strict();
export type RunReportOptions = z.infer<typeof RunReportOptionsSchema>;

export const RunStatusSchema = z.enum(['complete', 'incomplete', 'budget_exceeded']);

export const TotalsSchema = z
  .object({
    counts: CountsSchema,
    passRate: z.number().min(0).max(1),
    tokens: TokenUsageSchema,
    costUsd: z.number().min(0),
    latencyMs: LatencySummarySchema,
    durationMs: z.number().min(0),
  })
  .strict();
export type RunTotals = z.infer<typeof TotalsSchema>;

/** One cell of a matrix run: every case of every suite run with one model and one prompt version. */
export const MatrixCellSchema = z
  .object({
    /** Stable id, e.g. `model=gpt-4o,prompt=v2`. */
    id: z.string().min(1),
    model: z.string().optional(),
    promptVersion: z.string().optional(),
    suites: z.array(SuiteResultSchema),
    totals: TotalsSchema,
  })
  .strict();
export type MatrixCell = z.infer<typeof MatrixCellSchema>;

export const RunReportSchema = z
  .object({
    /** 1: one run. 2: a matrix run (`matrix` is set; `suites` and `totals` are those of its first cell). */
    schemaVersion: z.union([z.literal(1), z.literal(2)]),
    runId: z.string(),
    createdAt: z.string(),
    status: RunStatusSchema,
    /** Why the run is not complete (signal, budget), when it is not. */
    statusReason: z.string().optional(),
    tier: z.string().optional(),
    /** How the run was made, where it changes what its statuses mean. Absent: the defaults (judge on). */
    options: RunReportOptionsSchema.optional(),
    /** What was tested: git sha, prompt versions and hashes, model. Free-form labels. */
    subject: z.record(z.string(), z.string()).default({}),
    suites: z.array(SuiteResultSchema),
    totals: TotalsSchema,
    /** Matrix runs (schemaVersion 2): every cell, same cases and seeds in each. */
    matrix: z
      .object({ cells: z.array(MatrixCellSchema).min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((report) => (report.schemaVersion === 2) === (report.matrix !== undefined), {
    message: 'schemaVersion 2 reports (matrix runs) have `matrix`, schemaVersion 1 reports do not',
    path: ['schemaVersion'],
  });
export type RunReport = z.infer<typeof RunReportSchema>;
