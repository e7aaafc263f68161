import { readFile } from 'node:fs/promises';
import { AgentCicdError } from '@agent-cicd/core';
import type { z } from 'zod';
import { GateErrorCode } from '../gate-errors.js';
import { describeIssue, formatPath } from '../policy/load-policy.js';
import { type CanaryMetrics, CanaryMetricsSchema } from './canary-metrics.js';

/** Reads canary metrics (a JSON array of looks, see {@link CanaryMetricsSchema}). */
export async function loadCanaryMetrics(path: string): Promise<CanaryMetrics> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new AgentCicdError(
      GateErrorCode.canaryMetricsInvalid,
      `cannot read canary metrics: ${(error as Error).message}`,
      {
        location: { file: path },
        cause: error,
      },
    );
  }
  const result = CanaryMetricsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  throw new AgentCicdError(GateErrorCode.canaryMetricsInvalid, `not valid canary metrics: ${describeIssue(issue)}`, {
    location: { file: path, path: formatPath(issue.path) },
    cause: result.error,
  });
}
