import {
  type Judge,
  type LlmClient,
  type RunContext,
  runCase,
  type ToolBox,
  type TrialLimiter,
} from '@agent-cicd/core';
import { test } from 'vitest';
import type { AgentRun } from '../matchers/agent-run.js';
import { providedOptions } from '../runtime/provided.js';
import { sharedRunContext } from '../runtime/shared-run-context.js';
import { sharedTrialLimiter } from '../runtime/shared-trial-limiter.js';

/** What `agent.run` takes: the user's message, or a conversation with template variables. */
export type AgentInput =
  | string
  | {
      userInput: string;
      messages?: Array<{ role: 'user' | 'assistant'; content: string }>;
      vars?: Record<string, unknown>;
    };

/** Runs the suite's target (its prompt through the agent loop, or the user's agent module) on the tier's model. */
export interface PromptAgent {
  run(input: AgentInput): Promise<AgentRun>;
  /** Every run of the current trial, oldest first. */
  readonly runs: readonly AgentRun[];
}

/** The fixtures of `promptTest`, all from the tier's configuration (mock LLM in dev, a real model in staging). */
export interface PromptFixtures {
  /** The tier's name (`dev`, `staging`, …). */
  tier: string;
  /** The tier's LLM client, with its provider limit and retries. */
  llm: LlmClient;
  /** A tool box of the tier's tools for this test: calls are recorded and checked against their schemas. */
  tools: ToolBox;
  /** The tier's judge, when it has one. */
  judge: Judge | undefined;
  /** The agent under test, as the enclosing `describePrompt` defines it. */
  agent: PromptAgent;
  runContext: RunContext;
}

/** The suite a `promptTest` belongs to: set by `describePrompt` as suite meta, inherited by its tests. */
export interface PromptSuiteMeta {
  name: string;
  threshold?: number;
  trials?: number;
  prompt?: { name: string; version: string };
  target?: { module: string; export?: string };
}

declare module 'vitest' {
  interface TaskMeta {
    agentCicdSuite?: PromptSuiteMeta;
  }
}

let runId = 0;

/**
 * Builds the `agent` fixture of one test; `describePrompt` splits `runs` into trials. Each `agent.run` is one trial
 * under `limiter`: the worker's one trial limit (`sharedTrialLimiter`), shared with the cases of YAML suites and
 * every other test's runs, so TypeScript suites stay within Vitest's `maxConcurrency` of trials in flight.
 */
export function createPromptAgent(
  context: RunContext,
  suite: PromptSuiteMeta & { file: string },
  signal: AbortSignal,
  limiter: TrialLimiter,
): PromptAgent {
  const runs: AgentRun[] = [];
  return {
    runs,
    async run(input) {
      const spec = typeof input === 'string' ? { userInput: input } : input;
      const result = await runCase({
        testCase: { id: `${suite.name}#run-${++runId}`, ...spec },
        suite: {
          name: suite.name,
          ...(suite.prompt ? { prompt: suite.prompt } : {}),
          ...(suite.target ? { target: suite.target } : {}),
        },
        file: suite.file,
        context,
        trials: 1,
        signal,
        limiter,
      });
      const trial = result.trials[0];
      if (!trial) throw new Error('agent.run: the engine returned no trial');
      const run: AgentRun = { ...trial, input: spec.userInput };
      runs.push(run);
      if (trial.status === 'error') {
        const error = new Error(`agent.run failed: ${trial.violations.map((v) => v.message).join('; ')}`);
        error.name = 'AgentRunError';
        throw error;
      }
      return run;
    },
  };
}

/**
 * Vitest's `test` with the agent-cicd fixtures. Use it inside `describePrompt` (which adds trials, thresholds
 * and the report), or alone for a plain test that needs the tier's model or tools.
 */
export const promptTest = test.extend<PromptFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest fixtures must destructure their dependencies.
  runContext: async ({}, use) => {
    await use(await sharedRunContext(providedOptions()));
  },
  tier: async ({ runContext }, use) => {
    await use(runContext.tier);
  },
  llm: async ({ runContext }, use) => {
    await use(runContext.llm);
  },
  judge: async ({ runContext }, use) => {
    await use(runContext.judge);
  },
  tools: async ({ runContext, signal }, use) => {
    await use(runContext.tools.createToolBox({ signal }));
  },
  agent: async ({ runContext, task, signal }, use) => {
    const suite = { ...(task.meta.agentCicdSuite ?? { name: task.file.name }), file: task.file.filepath };
    const limiter = sharedTrialLimiter(providedOptions().concurrency ?? runContext.concurrency ?? 8);
    await use(createPromptAgent(runContext, suite, signal, limiter));
  },
});
