import type { AgentResult, Judge, Violation } from '@agent-cicd/core';
import { checkTools, compileJsonSchema, evaluateCase, parseTextPattern } from '@agent-cicd/core/testing';

import { excerpt } from '../runtime/excerpt.js';
import { providedOptions } from '../runtime/provided.js';
import { sharedRunContext } from '../runtime/shared-run-context.js';
import { inputOf, type MatcherSubject, toAgentResult } from './agent-run.js';

interface MatcherOutcome {
  pass: boolean;
  message: () => string;
}

function calledTools(result: AgentResult): string {
  const calls = result.toolCalls.map((call) => `${call.name}(${JSON.stringify(call.arguments)})`);
  return calls.length ? calls.join(', ') : '(none)';
}

/**
 * A matcher's outcome from core's violations: the sentence of what was expected and what happened, then the
 * relevant part of the run (the tools it called, the response). `notMessage` is for `.not` when it passed.
 */
function outcome(
  result: AgentResult,
  violations: Violation[],
  text: { expectation: string; notMessage: string; showTools?: boolean },
): MatcherOutcome {
  const errors = violations.filter((violation) => violation.severity === 'error');
  // A check that could not run (judge error, invalid schema) is an error, with or without `.not`.
  if (errors.length) throw new Error(`${text.expectation}: ${errors.map((v) => v.message).join('; ')}`);
  const details = [
    ...(text.showTools ? [`tools called: ${calledTools(result)}`] : []),
    `response: ${excerpt(result.response)}`,
  ];
  const pass = violations.length === 0;
  return {
    pass,
    message: () =>
      [pass ? text.notMessage : `${text.expectation}: ${violations.map((v) => v.message).join('; ')}`, ...details].join(
        '\n',
      ),
  };
}

const failure = (check: string, message: string): Violation => ({ check, message, severity: 'failure' });
const withArgs = (args: Record<string, unknown> | undefined): string => (args ? ` with ${JSON.stringify(args)}` : '');

/**
 * The agent matchers. Tool checks are core's `checkTools`, keywords core's text patterns, schemas core's
 * `compileJsonSchema`, the judge core's `evaluateCase`, so a matcher and the YAML field judge alike.
 */
export const agentMatchers = {
  toCallTool(subject: MatcherSubject, name: string, args?: Record<string, unknown>): MatcherOutcome {
    const result = toAgentResult(subject);
    const violations = checkTools(
      { expectedTools: [name], ...(args ? { toolArguments: { [name]: args } } : {}) },
      result.toolCalls,
    );
    return outcome(result, violations, {
      expectation: `expected the agent to call tool "${name}"${withArgs(args)}`,
      notMessage: `expected the agent not to call tool "${name}"${withArgs(args)}, but it did`,
      showTools: true,
    });
  },
  toNotCallTool(subject: MatcherSubject, name: string): MatcherOutcome {
    const result = toAgentResult(subject);
    return outcome(result, checkTools({ forbiddenTools: [name] }, result.toolCalls), {
      expectation: `expected the agent not to call tool "${name}"`,
      notMessage: `expected the agent to call tool "${name}", but it did not`,
      showTools: true,
    });
  },
  toContainKeywords(subject: MatcherSubject, keywords: string[]): MatcherOutcome {
    const result = toAgentResult(subject);
    const missing = keywords.filter((keyword) => !parseTextPattern(keyword).test(result.response));
    const violations = missing.map((keyword) => failure('keyword', `${JSON.stringify(keyword)} is missing`));
    return outcome(result, violations, {
      expectation: `expected the response to contain ${JSON.stringify(keywords)}`,
      notMessage: `expected the response not to contain all of ${JSON.stringify(keywords)}, but it does`,
    });
  },
  toMatchJsonSchema(subject: MatcherSubject, schema: Record<string, unknown>): MatcherOutcome {
    const result = toAgentResult(subject);
    let violations: Violation[];
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.response);
      violations = compileJsonSchema(schema)
        .validate(parsed)
        .map((problem) => failure('json_schema', problem));
    } catch (error) {
      violations = [failure('json_schema', `the response is not valid JSON (${(error as Error).message})`)];
    }
    return outcome(result, violations, {
      expectation: 'expected the response to be JSON matching the schema',
      notMessage: 'expected the response not to match the schema, but it does',
    });
  },
  toStayWithinTokens(subject: MatcherSubject, limit: number): MatcherOutcome {
    const result = toAgentResult(subject);
    const used = result.tokens.output;
    const violations = used > limit ? [failure('token_limit', `it used ${used} output tokens`)] : [];
    return outcome(result, violations, {
      expectation: `expected the response to use at most ${limit} output tokens`,
      notMessage: `expected the response to use more than ${limit} output tokens, but it used ${used}`,
    });
  },
  async toPassJudge(
    subject: MatcherSubject,
    rubric: string,
    options: { threshold?: number; judge?: Judge } = {},
  ): Promise<MatcherOutcome> {
    const result = toAgentResult(subject);
    const context = options.judge ? undefined : await sharedRunContext(providedOptions());
    const judge = options.judge ?? context?.judge;
    // Never a silent pass: without a judge the assertion cannot be checked, and says why.
    if (!judge && context?.skipJudge) {
      throw new Error(
        'toPassJudge: the judge is skipped (agentCicd({ judge: false })): this assertion cannot be checked',
      );
    }
    if (!judge) throw new Error('toPassJudge: the tier has no judge (configure `judge`, or pass { judge })');
    const input = inputOf(subject);
    const evaluation = await evaluateCase({
      testCase: {
        expectedBehavior: rubric,
        ...(input === undefined ? {} : { userInput: input }),
        ...(options.threshold === undefined ? {} : { judgeThreshold: options.threshold }),
      },
      result,
      judge,
    });
    return outcome(result, evaluation.violations, {
      expectation: `expected the response to pass the judge on ${JSON.stringify(rubric)}`,
      notMessage: `expected the response to fail the judge on ${JSON.stringify(rubric)}, but it scored ${evaluation.score}`,
    });
  },
};

/** Types of the matchers on `expect(…)`, through Vitest's `Matchers` augmentation. */
export interface AgentMatchers<R = unknown> {
  /** The agent called tool `name` (with arguments matching `args`: subset match, `/regex/` strings allowed). */
  toCallTool(name: string, args?: Record<string, unknown>): R;
  /** The agent never called tool `name`. */
  toNotCallTool(name: string): R;
  /** The response contains every keyword (case-insensitive substring, or `/regex/flags`). */
  toContainKeywords(keywords: string[]): R;
  /** The response, parsed as JSON, satisfies the JSON Schema. */
  toMatchJsonSchema(schema: Record<string, unknown>): R;
  /** The run used at most `limit` output tokens (all its model calls). */
  toStayWithinTokens(limit: number): R;
  /** The tier's judge (or `options.judge`) scores the response at least `threshold` (default 0.7) on `rubric`. Await it. */
  toPassJudge(rubric: string, options?: { threshold?: number; judge?: Judge }): Promise<R>;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat Vitest's own declaration of `Matchers` exactly.
  interface Matchers<T = any> extends AgentMatchers<T> {}
}
