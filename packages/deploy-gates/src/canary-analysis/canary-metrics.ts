import { z } from 'zod';

const count = z.number().int().min(0);
const outcomes = z.object({ successes: count, failures: count }).strict();

/**
 * Live request outcomes observed during one look at a canary: the canary's and the stable release's
 * successes and failures since the previous look (increments, not running totals). Several looks may share a step.
 */
export const CanaryLookSchema = z
  .object({
    /** Canary traffic percentage during this look. */
    step: z.number().gt(0).max(100),
    canary: outcomes,
    stable: outcomes,
  })
  .strict();
export type CanaryLook = z.infer<typeof CanaryLookSchema>;

/** Every look so far, oldest first. */
export const CanaryMetricsSchema = z.array(CanaryLookSchema);
export type CanaryMetrics = z.infer<typeof CanaryMetricsSchema>;
