import { z } from 'zod';
import { TokenUsageSchema, ViolationSchema } from '../schema/report.js';

/** One model call of the agent loop and the tool calls it asked for. */
export const AgentStepSchema = z
  .object({
    step: z.number().int().min(0),
    text: z.string(),
    toolCalls: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          arguments: z.record(z.string(), z.unknown()),
          result: z.unknown().optional(),
          error: z.string().optional(),
          latencyMs: z.number().min(0),
        })
        .strict(),
    ),
    tokens: TokenUsageSchema,
    latencyMs: z.number().min(0),
    costUsd: z.number().min(0).optional(),
    finishReason: z.string(),
  })
  .strict();
export type AgentStep = z.infer<typeof AgentStepSchema>;

/** What a target produced for one trial: the input of `evaluateCase`. */
export const AgentResultSchema = z
  .object({
    response: z.string(),
    /** Tool calls in the order they were made. */
    toolCalls: z
      .array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).default({}) }).strict())
      .default([]),
    tokens: TokenUsageSchema.default({ input: 0, output: 0 }),
    /** Wall time of the trial; the runner measures it when the target does not say. */
    latencyMs: z.number().min(0).optional(),
    costUsd: z.number().min(0).optional(),
    /** Number of model calls. */
    llmCalls: z.number().int().min(0).optional(),
    trajectory: z.array(AgentStepSchema).optional(),
    /** Rule breaks seen while running (bad tool arguments, disabled tool, step limit). */
    violations: z.array(ViolationSchema).default([]),
  })
  .strict();
export type AgentResult = z.infer<typeof AgentResultSchema>;
export type AgentResultInput = z.input<typeof AgentResultSchema>;
