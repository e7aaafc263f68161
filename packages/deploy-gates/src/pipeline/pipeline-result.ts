import { z } from 'zod';

/** The seed's eleven stages, in the order the default pipeline runs them. */
export const seedStageNames = [
  'static_analysis',
  'unit_test',
  'prompt_regression',
  'tool_integration',
  'security_scan',
  'build_image',
  'deploy_staging',
  'e2e_test',
  'approval_gate',
  'canary_deploy',
  'production_deploy',
] as const;
export type SeedStageName = (typeof seedStageNames)[number];

export const StageStatusSchema = z.enum(['passed', 'failed', 'skipped']);
export type StageStatus = z.output<typeof StageStatusSchema>;

/**
 * The seed's `PipelineResult` (camelCase): one stage's status, duration, details and artifacts. `summary` is the
 * one line the CLI prints; `exitCode` what a failed stage means for the process (1 failed, 3 hold).
 */
export const PipelineResultSchema = z
  .object({
    stage: z.string().min(1),
    status: StageStatusSchema,
    durationSeconds: z.number().min(0),
    summary: z.string(),
    details: z.record(z.string(), z.unknown()),
    artifacts: z.array(z.string()),
    exitCode: z.number().int().min(0).optional(),
  })
  .strict();
export type PipelineResult = z.output<typeof PipelineResultSchema>;
