import type { SuiteResult } from '@agent-cicd/core';

/** Violation checks about tool calls: `expected_tool`, `forbidden_tool`, `tool_order`, `tool_arguments`, `tool_schema`, `tool_not_enabled`. */
const TOOL_CHECKS = /^tool_|_tool$/;

/** What the gate needs from one side (baseline or candidate) of a comparison, flattened to trials. */
export interface ArmSample {
  /** Pass (true) or not (failed or errored) of each trial, in trial order, per case key. */
  outcomes: Map<string, boolean[]>;
  trials: number;
  passes: number;
  errors: number;
  /** Trials with at least one tool-call violation. */
  toolViolations: number;
  latenciesMs: number[];
  /** Input + output tokens per trial. */
  tokens: number[];
  /** Cost per trial, for the trials that report one. */
  costsUsd: number[];
  /** Number of calls per tool name, plus `(none)` for trials that called no tool. */
  toolCalls: Map<string, number>;
  /** Response length in characters per trial. */
  responseLengths: number[];
}

/** An empty sample (for building one by hand, e.g. in simulations). */
export function emptyArmSample(): ArmSample {
  return {
    outcomes: new Map(),
    trials: 0,
    passes: 0,
    errors: 0,
    toolViolations: 0,
    latenciesMs: [],
    tokens: [],
    costsUsd: [],
    toolCalls: new Map(),
    responseLengths: [],
  };
}

/** Key of a case across suites: the suite name and the case id. */
export function caseKey(suite: string, caseId: string): string {
  return `${suite}\u0000${caseId}`;
}

/**
 * Flattens suites into an {@link ArmSample}. Errored trials count as failures; skipped trials (not evaluated,
 * `--no-judge`) are left out of everything, and a case with only skipped trials has no outcomes to pair.
 */
export function armSample(suites: readonly SuiteResult[]): ArmSample {
  const sample = emptyArmSample();
  for (const suite of suites) {
    for (const result of suite.cases) {
      const trials = result.trials.filter((trial) => trial.status !== 'skipped').sort((a, b) => a.trial - b.trial);
      if (trials.length === 0) continue;
      const key = caseKey(suite.name, result.caseId);
      const outcomes = sample.outcomes.get(key) ?? [];
      for (const trial of trials) {
        const passed = trial.status === 'passed';
        outcomes.push(passed);
        sample.trials += 1;
        if (passed) sample.passes += 1;
        if (trial.status === 'error') sample.errors += 1;
        if (trial.violations.some((violation) => TOOL_CHECKS.test(violation.check))) sample.toolViolations += 1;
        sample.latenciesMs.push(trial.latencyMs);
        sample.tokens.push(trial.tokens.input + trial.tokens.output);
        if (trial.costUsd !== undefined) sample.costsUsd.push(trial.costUsd);
        if (trial.toolsCalled.length === 0) increment(sample.toolCalls, '(none)');
        for (const call of trial.toolsCalled) increment(sample.toolCalls, call.name);
        sample.responseLengths.push(trial.response.length);
      }
      sample.outcomes.set(key, outcomes);
    }
  }
  return sample;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
