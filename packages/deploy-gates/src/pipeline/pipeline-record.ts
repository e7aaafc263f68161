import { z } from 'zod';
import { DecisionSchema } from '../decision/decision.js';
import { PipelineResultSchema } from './pipeline-result.js';

/** Version of the JSON record's shape; bumped on any incompatible change (like the run report's). */
export const pipelineRecordSchemaVersion = 1;

/** The JSON record of one pipeline run (`.agent-cicd/pipeline.json`). */
export const PipelineRecordSchema = z
  .object({
    schemaVersion: z.literal(pipelineRecordSchemaVersion),
    runId: z.string().min(1),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationSeconds: z.number().min(0),
    status: z.enum(['passed', 'failed']),
    dryRun: z.boolean(),
    exitCode: z.number().int().min(0),
    passed: z.number().int().min(0),
    stages: z.array(PipelineResultSchema),
    decision: DecisionSchema.optional(),
  })
  .strict();
export type PipelineRecord = z.output<typeof PipelineRecordSchema>;
