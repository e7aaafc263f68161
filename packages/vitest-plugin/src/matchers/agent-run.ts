import type { AgentResult, TrialResult } from '@agent-cicd/core';

/** What `agent.run(…)` resolves to: one trial of the agent, as the report records it. */
export type AgentRun = TrialResult & {
  /** The user input the agent answered (the judge grades the response against it). */
  readonly input: string;
};

/** The values the matchers accept: an `AgentRun`, a `TrialResult`, or an engine `AgentResult`. */
export type MatcherSubject = AgentRun | TrialResult | AgentResult;

/** Normalises a matcher's subject to the `AgentResult` that core's `evaluateCase` checks. */
export function toAgentResult(subject: unknown): AgentResult {
  if (
    subject === null ||
    typeof subject !== 'object' ||
    typeof (subject as { response?: unknown }).response !== 'string'
  ) {
    throw new TypeError('expected the result of agent.run(…) (an object with a string "response")');
  }
  const value = subject as Partial<TrialResult> & Partial<AgentResult> & { response: string };
  return {
    response: value.response,
    toolCalls: value.toolCalls ?? value.toolsCalled ?? [],
    tokens: value.tokens ?? { input: 0, output: 0 },
    ...(value.latencyMs === undefined ? {} : { latencyMs: value.latencyMs }),
    // A matcher checks one thing; violations the run already had are not its business.
    violations: [],
  };
}

export function inputOf(subject: unknown): string | undefined {
  const input = (subject as { input?: unknown } | null)?.input;
  return typeof input === 'string' ? input : undefined;
}
