import type { TrialResult, Violation } from '@agent-cicd/core';
import { buildCaseResult } from '@agent-cicd/core/testing';
import { describe, type ExpectStatic } from 'vitest';
import type { AgentRun } from '../matchers/agent-run.js';
import { recordCase } from '../runtime/case-journal.js';
import type { SuiteInfo } from '../runtime/case-meta.js';
import { describeFailure } from '../runtime/describe-failure.js';
import { providedOptions } from '../runtime/provided.js';
import { type PromptFixtures, type PromptSuiteMeta, promptTest } from './prompt-test.js';

export interface DescribePromptOptions {
  /** Pass-rate threshold of the suite; without one every case must pass. */
  threshold?: number;
  /** Trials per case (each case's body runs this many times and every run is recorded). @default 1 */
  trials?: number;
  /** The prompt of the manifest the agent runs (prompt target). */
  prompt?: { name: string; version: string };
  /** The user's agent module, relative to the test file (module target). */
  target?: { module: string; export?: string };
}

/** What a case's body receives: the fixtures, the test's `expect`, and which trial this is (0-based). */
export interface PromptCaseContext extends Omit<PromptFixtures, 'runContext'> {
  expect: ExpectStatic;
  signal: AbortSignal;
  trial: number;
}

export type PromptCaseBody = (context: PromptCaseContext) => unknown;

/** Registers one case of a `describePrompt` suite. */
export type PromptCase = (name: string, body: PromptCaseBody, options?: { trials?: number; timeout?: number }) => void;

/** Cases defined so far per suite name, in this test file (its module is evaluated once per run of the file). */
const definedCases = new Map<string, number>();

/** A failed `expect`: chai's `AssertionError`, or the error Vitest throws for a failed custom matcher. */
function isAssertion(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AssertionError' || error.constructor.name === 'JestExtendError');
}

/** The first line is the sentence; the rest (tools called, response) is in the trial's record already. */
function toViolation(error: unknown): Violation {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return isAssertion(error)
    ? { check: 'assertion', message, severity: 'failure' }
    : { check: 'error', message: `the case threw: ${message}`, severity: 'error' };
}

/** One trial of a hand-written case: what its agent runs did, plus the assertion that stopped it, if any. */
function trialFromRuns(trial: number, runs: readonly AgentRun[], thrown: Violation | undefined): TrialResult {
  const violations = [...runs.flatMap((run) => run.violations), ...(thrown ? [thrown] : [])];
  const costs = runs.flatMap((run) => (run.costUsd === undefined ? [] : [run.costUsd]));
  return {
    trial,
    status: violations.some((v) => v.severity === 'error') ? 'error' : violations.length ? 'failed' : 'passed',
    toolsCalled: runs.flatMap((run) => run.toolsCalled),
    response: runs.at(-1)?.response ?? '',
    tokens: {
      input: runs.reduce((sum, run) => sum + run.tokens.input, 0),
      output: runs.reduce((sum, run) => sum + run.tokens.output, 0),
    },
    latencyMs: runs.reduce((sum, run) => sum + run.latencyMs, 0),
    ...(costs.length ? { costUsd: costs.reduce((a, b) => a + b, 0) } : {}),
    violations,
  };
}

/**
 * A prompt suite written in TypeScript: its cases run concurrently with the tier's fixtures, each `trials`
 * times, and are reported, thresholded and gated like the cases of a YAML suite.
 *
 * @example
 * describePrompt('support', { prompt: { name: 'support', version: 'v2' }, threshold: 0.8 }, (test) => {
 *   test('refund', async ({ agent, expect }) => {
 *     expect(await agent.run('I want a refund for order 42')).toCallTool('lookup_order', { orderId: '42' });
 *   });
 * });
 */
export function describePrompt(name: string, options: DescribePromptOptions, define: (test: PromptCase) => void): void {
  const meta: PromptSuiteMeta = { name, ...options };
  describe(name, { meta: { agentCicdSuite: meta } }, () => {
    define((caseName, body, caseOptions = {}) => {
      const provided = providedOptions();
      const timeout = caseOptions.timeout ?? provided.caseTimeout;
      // The case's place in its suite (file and name: two blocks of one name are one suite), for the report's order.
      const index = definedCases.get(name) ?? 0;
      definedCases.set(name, index + 1);
      promptTest.concurrent(
        caseName,
        { timeout },
        async ({ agent, llm, tools, judge, tier, expect, signal, task, runContext }) => {
          const suite: SuiteInfo = {
            name,
            file: task.file.filepath,
            ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
          };
          task.meta.agentCicd = { suite, caseId: caseName, index };
          const count = caseOptions.trials ?? options.trials ?? 1;
          const trials: TrialResult[] = [];
          let firstError: unknown;
          for (let trial = 0; trial < count; trial++) {
            const before = agent.runs.length;
            let thrown: Violation | undefined;
            try {
              await body({ agent, llm, tools, judge, tier, expect, signal, trial });
            } catch (error) {
              if (signal.aborted) throw error;
              firstError ??= error;
              thrown = toViolation(error);
            }
            trials.push(trialFromRuns(trial, agent.runs.slice(before), thrown));
          }
          // Results built here did not pass through `runCase`'s redaction: redact before they reach the journal.
          const result = (runContext.redact ?? ((value) => value))(buildCaseResult({ caseId: caseName, trials }));
          if (provided.journalDir === undefined) task.meta.agentCicd = { suite, caseId: caseName, index, tier, result };
          else {
            recordCase(provided.journalDir, { suite, index, caseId: caseName, tier, result });
            task.meta.agentCicd = { suite, caseId: caseName, index, tier, recorded: true };
          }
          if (result.passed) return;
          // One trial: Vitest shows the original assertion (diff, code frame at the user's line).
          if (count === 1 && firstError !== undefined) throw firstError;
          const error = new Error(describeFailure(result), { cause: firstError });
          error.name = result.status === 'error' ? 'PromptCaseError' : 'PromptCaseFailure';
          // Point the code frame at the user's failing line, not at this wrapper.
          const frames =
            firstError instanceof Error ? firstError.stack?.split('\n').filter((l) => /^\s+at /.test(l)) : [];
          if (frames?.length) error.stack = [`${error.name}: ${error.message}`, ...frames].join('\n');
          throw error;
        },
      );
    });
  });
}
