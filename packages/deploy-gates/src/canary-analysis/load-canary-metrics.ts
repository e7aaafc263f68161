import { AgentCicdError } from '@agent-cicd/core';
import { loadSourceFile } from '@agent-cicd/core/source';
import type { z } from 'zod';
import { GateErrorCode } from '../gate-errors.js';
import { describeIssue, formatPath } from '../policy/load-policy.js';
import { type CanaryMetrics, CanaryMetricsSchema } from './canary-metrics.js';

/** Reads canary metrics (a JSON array of looks, see {@link CanaryMetricsSchema}) through core's guarded loader. */
export async function loadCanaryMetrics(path: string): Promise<CanaryMetrics> {
  const doc = await loadSourceFile(path);
  const result = CanaryMetricsSchema.safeParse(doc.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const segments = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
  throw new AgentCicdError(GateErrorCode.canaryMetricsInvalid, `not valid canary metrics: ${describeIssue(issue)}`, {
    location: { file: path, ...doc.locate(segments), path: formatPath(issue.path) },
    cause: result.error,
  });
}
