import { createToolRegistry, createTrialLimiter, type RunContext, type Target } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { createPromptAgent } from './prompt-test.js';

/** A run context whose target answers after `delayMs`, counting the runs in flight at once. */
function slowContext(delayMs: number): { context: RunContext; peak: () => number } {
  let inFlight = 0;
  let peak = 0;
  const target: Target = {
    kind: 'module',
    async run(input) {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      inFlight--;
      return `echo: ${input.userInput}`;
    },
  };
  const context: RunContext = {
    cwd: process.cwd(),
    tier: 'dev',
    llm: {
      complete: async () => {
        throw new Error('no model in this test');
      },
    } as unknown as RunContext['llm'],
    tools: createToolRegistry({ tools: [] }),
    settings: { temperature: 0 },
    resolveTarget: async () => target,
  };
  return { context, peak: () => peak };
}

describe('createPromptAgent', () => {
  it('runs each agent.run as one trial under the limiter it is given (the worker’s shared trial limit)', async () => {
    const { context, peak } = slowContext(20);
    const limiter = createTrialLimiter(2);
    const first = createPromptAgent(
      context,
      { name: 'support', file: '/repo/a.test.ts' },
      new AbortController().signal,
      limiter,
    );
    const second = createPromptAgent(
      context,
      { name: 'support', file: '/repo/b.test.ts' },
      new AbortController().signal,
      limiter,
    );
    // Six runs from two tests at once: never more than the limit's two in flight.
    const runs = await Promise.all([
      ...[1, 2, 3].map((n) => first.run(`q${n}`)),
      ...[4, 5, 6].map((n) => second.run(`q${n}`)),
    ]);
    expect(runs.map((run) => run.response)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map((q) => `echo: ${q}`));
    expect(peak()).toBe(2);
    expect(first.runs).toHaveLength(3);
    expect(limiter.activeCount + limiter.pendingCount).toBe(0);
  });
});
