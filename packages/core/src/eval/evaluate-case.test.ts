import { describe, expect, it } from 'vitest';
import type { AgentResult } from '../agent/agent-result.js';
import { type Check, CheckSchema } from '../checks/check-schema.js';
import { createJudge } from '../judge/create-judge.js';
import { createScriptedLlm } from '../test-utils/scripted-llm.js';
import { evaluateCase } from './evaluate-case.js';

const parseCheck = (input: Record<string, unknown>): Check => CheckSchema.parse(input) as Check;

const result = (overrides: Partial<AgentResult> = {}): AgentResult => ({
  response: 'Your refund for order A1 was issued.',
  toolCalls: [
    { name: 'lookup_order', arguments: { orderId: 'A1' } },
    { name: 'issue_refund', arguments: { orderId: 'A1', amount: 20 } },
  ],
  tokens: { input: 100, output: 20 },
  latencyMs: 300,
  violations: [],
  ...overrides,
});

const messages = async (testCase: Parameters<typeof evaluateCase>[0]['testCase'], r = result()) =>
  (await evaluateCase({ testCase, result: r })).violations.map((v) => v.message);

describe('evaluateCase', () => {
  it('passes when every check holds', async () => {
    const evaluation = await evaluateCase({
      testCase: {
        expectedTools: ['issue_refund', 'lookup_order'],
        toolArguments: { issue_refund: { amount: 20, orderId: '/^A\\d$/' } },
        forbiddenTools: ['delete_account'],
        expectedResponseKeywords: ['REFUND', '/order [A-Z]\\d/'],
        forbiddenKeywords: ['sorry'],
        maxTokensLimit: 20,
        maxLatencyMs: 1000,
      },
      result: result(),
    });
    expect(evaluation).toEqual({ status: 'passed', violations: [] });
  });

  it('enforces expected tools, order and arguments', async () => {
    expect(await messages({ expectedTools: ['search_kb'] })).toEqual([
      'expected tool "search_kb" was not called (the calls were "lookup_order", "issue_refund")',
    ]);
    expect(await messages({ expectedTools: ['issue_refund', 'lookup_order'], toolOrder: 'ordered' })).toEqual([
      'expected the tools "issue_refund", "lookup_order" to be called in this order, but the calls were "lookup_order", "issue_refund"',
    ]);
    expect(await messages({ expectedTools: ['lookup_order'], toolOrder: 'exact' })).toHaveLength(1);
    expect(await messages({ expectedTools: ['lookup_order', 'issue_refund'], toolOrder: 'exact' })).toEqual([]);
    expect(await messages({ toolArguments: { issue_refund: { amount: 25 } } })).toEqual([
      'tool "issue_refund" was not called with the expected arguments: arguments.amount is 20, expected 25',
    ]);
    expect(await messages({ toolArguments: { issue_refund: { orderId: 'A1' } }, argumentMatch: 'exact' })).toEqual([
      'tool "issue_refund" was not called with the expected arguments: arguments.amount was not expected',
    ]);
    expect(await messages({ forbiddenTools: ['issue_refund'] })).toEqual(['forbidden tool "issue_refund" was called']);
  });

  it('enforces keywords (case-insensitive, /regex/), tokens and latency', async () => {
    expect(
      await messages({ expectedResponseKeywords: ['apology', '/\\bA2\\b/'], forbiddenKeywords: ['ISSUED'] }),
    ).toEqual([
      'the response does not contain keyword "apology"',
      'the response does not contain pattern /\\bA2\\b/',
      'the response contains the forbidden keyword "ISSUED"',
    ]);
    const caseSensitive = await evaluateCase({
      testCase: { expectedResponseKeywords: ['REFUND'] },
      result: result(),
      caseSensitiveKeywords: true,
    });
    expect(caseSensitive.status).toBe('failed');
    expect(await messages({ maxTokensLimit: 10, maxLatencyMs: 100 })).toEqual([
      'the response used 20 output tokens, over the limit of 10',
      'the trial took 300 ms, over the limit of 100 ms',
    ]);
  });

  it('validates JSON output against the output schema', async () => {
    const outputSchema = {
      type: 'object',
      properties: { intent: { enum: ['refund', 'other'] } },
      required: ['intent'],
    };
    expect(await messages({ outputSchema }, result({ response: '{"intent":"refund"}' }))).toEqual([]);
    expect(await messages({ outputSchema }, result({ response: '{"intent":"cancel"}' }))).toEqual([
      'the response does not match the output schema: intent must be equal to one of the allowed values',
    ]);
    expect(await messages({ outputSchema }, result({ response: 'refund' }))).toEqual([
      'the response is not valid JSON, but the case requires output matching a JSON Schema',
    ]);
    const invalid = await evaluateCase({ testCase: { outputSchema: { type: 'nope' } }, result: result() });
    expect(invalid.status).toBe('error');
  });

  it('runs custom assertions; one that throws is an error', async () => {
    const evaluation = await evaluateCase({
      testCase: {},
      result: result(),
      assertions: [
        { name: 'short', check: (r) => r.response.length < 10 || `response has ${r.response.length} characters` },
        { name: 'ok', check: () => ({ pass: true }) },
        {
          name: 'broken',
          check: () => {
            throw new Error('boom');
          },
        },
      ],
    });
    expect(evaluation.status).toBe('error');
    expect(evaluation.violations).toEqual([
      { check: 'assertion', message: 'assertion "short" failed: response has 36 characters', severity: 'failure' },
      { check: 'assertion', message: 'assertion "broken" threw: boom', severity: 'error' },
    ]);
  });

  it('keeps violations the run recorded (tool schema) and never passes them', async () => {
    const evaluation = await evaluateCase({
      testCase: {},
      result: result({
        violations: [
          { check: 'tool_schema', message: 'the agent called tool "x" with invalid arguments: y', severity: 'failure' },
        ],
      }),
    });
    expect(evaluation.status).toBe('failed');
    expect(evaluation.violations[0]?.message).toContain('invalid arguments');
  });

  describe('judge', () => {
    const verdict = (args: Record<string, unknown>) => ({ toolCalls: [{ name: 'submit_verdict', arguments: args }] });

    it('fails below the threshold with the judge reason', async () => {
      const judge = createJudge({
        llm: createScriptedLlm([verdict({ score: 0.5, pass: false, reason: 'No refund timeline.' })]),
      });
      const evaluation = await evaluateCase({
        testCase: { userInput: 'refund?', expectedBehavior: 'Gives the refund timeline', judgeThreshold: 0.7 },
        result: result(),
        judge,
      });
      expect(evaluation).toMatchObject({ status: 'failed', score: 0.5 });
      expect(evaluation.violations).toEqual([
        {
          check: 'judge',
          message: "the judge's score 0.50 is below the threshold 0.7: No refund timeline.",
          severity: 'failure',
        },
      ]);
    });

    it('passes at or above the threshold', async () => {
      const judge = createJudge({ llm: createScriptedLlm([verdict({ score: 0.9, pass: true, reason: 'Good.' })]) });
      const evaluation = await evaluateCase({ testCase: { expectedBehavior: 'x' }, result: result(), judge });
      expect(evaluation).toMatchObject({ status: 'passed', score: 0.9, violations: [] });
    });

    it('is an error, never a pass, when the judge reply is malformed', async () => {
      const llm = createScriptedLlm(() => verdict({ score: '0.9', pass: true }));
      const evaluation = await evaluateCase({
        testCase: { expectedBehavior: 'x' },
        result: result(),
        judge: createJudge({ llm, maxAttempts: 2 }),
      });
      expect(llm.requests).toHaveLength(2);
      expect(evaluation.status).toBe('error');
      expect(evaluation.score).toBeUndefined();
      expect(evaluation.violations).toEqual([
        {
          check: 'judge_error',
          message:
            'the judge gave no valid verdict in 2 attempts: the verdict {"score":"0.9","pass":true} is invalid: score: Invalid input: expected number, received string',
          severity: 'error',
        },
      ]);
    });

    it('is an error when the case needs a judge and there is none', async () => {
      const evaluation = await evaluateCase({ testCase: { expectedBehavior: 'x' }, result: result() });
      expect(evaluation.status).toBe('error');
      const skipped = await evaluateCase({ testCase: { expectedBehavior: 'x' }, result: result(), skipJudge: true });
      expect(skipped).toMatchObject({
        status: 'skipped',
        skipReason: 'judge skipped (--no-judge): the case has only model-graded checks',
        skippedChecks: ['judge'],
      });
    });
  });

  describe('skipJudge (--no-judge)', () => {
    const skipJudge = true;
    it('makes a case whose only checks are model-graded skipped, never passed', async () => {
      const evaluation = await evaluateCase({
        testCase: {
          expectedBehavior: 'gives the refund',
          checks: [parseCheck({ type: 'factuality', value: 'x' }), parseCheck({ type: 'refusal', name: 'no-refusal' })],
        },
        result: result(),
        skipJudge,
      });
      expect(evaluation.status).toBe('skipped');
      expect(evaluation.skippedChecks).toEqual(['judge', 'factuality', 'no-refusal']);
      expect(evaluation.violations).toEqual([]);
    });

    it('evaluates a case on its deterministic checks and names the ones it skipped', async () => {
      const passing = await evaluateCase({
        testCase: { expectedBehavior: 'x', expectedResponseKeywords: ['refund'] },
        result: result(),
        skipJudge,
      });
      expect(passing).toEqual({ status: 'passed', violations: [], skippedChecks: ['judge'] });
      const failing = await evaluateCase({
        testCase: {
          checks: [parseCheck({ type: 'equals', value: 'no' }), parseCheck({ type: 'closedQa', value: 'x' })],
        },
        result: result(),
        skipJudge,
      });
      expect(failing.status).toBe('failed');
      expect(failing.skippedChecks).toEqual(['closedQa']);
      expect(failing.skipReason).toBeUndefined();
    });

    it('keeps a failed or errored trial failed or errored: skipping the judge hides nothing', async () => {
      const cut = result({
        violations: [{ check: 'truncated', message: 'cut short', severity: 'failure' }],
      });
      expect((await evaluateCase({ testCase: { expectedBehavior: 'x' }, result: cut, skipJudge })).status).toBe(
        'failed',
      );
      const broken = result({ violations: [{ check: 'llm_error', message: 'down', severity: 'error' }] });
      expect((await evaluateCase({ testCase: { expectedBehavior: 'x' }, result: broken, skipJudge })).status).toBe(
        'error',
      );
    });

    it('counts an assertion as a deterministic check', async () => {
      const evaluation = await evaluateCase({
        testCase: { expectedBehavior: 'x' },
        result: result(),
        skipJudge,
        assertions: [{ name: 'non-empty', check: (r) => r.response.length > 0 }],
      });
      expect(evaluation.status).toBe('passed');
    });
  });
});
