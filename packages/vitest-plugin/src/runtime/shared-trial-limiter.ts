import { createTrialLimiter, type TrialLimiter } from '@agent-cicd/core';

let shared: { concurrency: number; limiter: TrialLimiter } | undefined;

/**
 * One trial limit per worker, shared by every case of every suite file the worker runs: a suite's cases and
 * their trials then run under one limit (Vitest's `maxConcurrency`), as `agent-cicd run` does with `--concurrency`.
 */
export function sharedTrialLimiter(concurrency: number): TrialLimiter {
  if (shared?.concurrency !== concurrency) shared = { concurrency, limiter: createTrialLimiter(concurrency) };
  return shared.limiter;
}
