import { createTrialLimiter, type TrialLimiter } from '@agent-cicd/core';

let shared: { concurrency: number; gate: TrialLimiter } | undefined;

/**
 * One limit per worker on the cases of grouped tests (`casesPerTest`) in flight, the same number as the trial limit:
 * Vitest's `maxConcurrency` bounds tests, so without it each running group would start all its cases at once (50
 * groups of 10: 500 cases holding their objects while their trials wait). Trials never take a slot here, so a
 * case cannot deadlock it; as many cases as trial slots keep the trial limit busy.
 */
export function sharedCaseGate(concurrency: number): TrialLimiter {
  if (shared?.concurrency !== concurrency) shared = { concurrency, gate: createTrialLimiter(concurrency) };
  return shared.gate;
}
