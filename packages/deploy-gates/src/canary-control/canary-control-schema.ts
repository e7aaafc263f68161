import { z } from 'zod';

export const CanaryCommandActionSchema = z.enum(['pause', 'resume', 'promote', 'abort']);
export type CanaryCommandAction = z.infer<typeof CanaryCommandActionSchema>;

/** A manual command for a running canary, written by `agent-cicd canary pause|resume|promote|abort`. */
export const CanaryCommandSchema = z
  .object({
    id: z.string().min(1),
    action: CanaryCommandActionSchema,
    at: z.iso.datetime(),
    by: z.string().optional(),
    reason: z.string().optional(),
  })
  .strict();
export type CanaryCommand = z.infer<typeof CanaryCommandSchema>;

export const CanaryStateSchema = z.enum(['running', 'paused', 'promoted', 'rolled_back']);
export type CanaryState = z.infer<typeof CanaryStateSchema>;

/** What the running rollout reports after every look (read by `agent-cicd canary status`). */
export const CanaryStatusSchema = z
  .object({
    schemaVersion: z.literal(1),
    app: z.string(),
    /** The release being rolled out, when known. */
    release: z.string().optional(),
    state: CanaryStateSchema,
    /** Canary traffic percentage now. */
    weight: z.number().min(0).max(100),
    steps: z.array(z.number()),
    startedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** The last analysis: its action and reasons. */
    lastAction: z.string().optional(),
    reasons: z.array(z.string()).default([]),
    /** The id of the last manual command the rollout acted on. */
    handledCommand: z.string().optional(),
  })
  .strict();
export type CanaryStatus = z.infer<typeof CanaryStatusSchema>;
