import type { Judge, TrialResult } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { agentMatchers } from './matchers.js';

const run: TrialResult & { input: string } = {
  trial: 0,
  status: 'passed',
  input: 'I want a refund for order 42',
  toolsCalled: [{ name: 'lookup_order', arguments: { orderId: '42' } }],
  response: '{"refund": "issued", "order": "42"}',
  tokens: { input: 120, output: 30 },
  latencyMs: 12,
  violations: [],
};

function fakeJudge(score: number): Judge {
  return {
    rubric: { name: 'judge', version: 'v1', template: 'grade' },
    grade: async () => ({
      ok: true,
      score,
      pass: score >= 0.7,
      reason: 'because',
      votes: [],
      tokens: { input: 1, output: 1 },
    }),
  };
}

describe('agent matchers', () => {
  it('toCallTool passes on a matching call and explains a mismatch with the tools and the response', async () => {
    expect(agentMatchers.toCallTool(run, 'lookup_order', { orderId: '42' }).pass).toBe(true);
    const miss = agentMatchers.toCallTool(run, 'lookup_order', { orderId: '43' });
    expect(miss.pass).toBe(false);
    expect(miss.message()).toMatchInlineSnapshot(`
      "expected the agent to call tool "lookup_order" with {"orderId":"43"}: tool "lookup_order" was not called with the expected arguments: arguments.orderId is "42", expected "43"
      tools called: lookup_order({"orderId":"42"})
      response: "{\\"refund\\": \\"issued\\", \\"order\\": \\"42\\"}""
    `);
  });

  it('toNotCallTool fails when the tool was called', async () => {
    const outcome = agentMatchers.toNotCallTool(run, 'lookup_order');
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toMatchInlineSnapshot(`
      "expected the agent not to call tool "lookup_order": forbidden tool "lookup_order" was called
      tools called: lookup_order({"orderId":"42"})
      response: "{\\"refund\\": \\"issued\\", \\"order\\": \\"42\\"}""
    `);
  });

  it('toContainKeywords names the missing keyword', async () => {
    const outcome = agentMatchers.toContainKeywords(run, ['refund', '/sorry/i']);
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toMatchInlineSnapshot(`
      "expected the response to contain ["refund","/sorry/i"]: "/sorry/i" is missing
      response: "{\\"refund\\": \\"issued\\", \\"order\\": \\"42\\"}""
    `);
  });

  it('toMatchJsonSchema checks the parsed response', async () => {
    const schema = { type: 'object', required: ['refund', 'amount'] };
    const outcome = agentMatchers.toMatchJsonSchema(run, schema);
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toMatchInlineSnapshot(`
      "expected the response to be JSON matching the schema: the value is missing the required property "amount"
      response: "{\\"refund\\": \\"issued\\", \\"order\\": \\"42\\"}""
    `);
    expect(agentMatchers.toMatchJsonSchema(run, { type: 'object' }).pass).toBe(true);
  });

  it('toStayWithinTokens counts output tokens', async () => {
    expect(agentMatchers.toStayWithinTokens(run, 30).pass).toBe(true);
    const over = agentMatchers.toStayWithinTokens(run, 29);
    expect(over.pass).toBe(false);
    expect(over.message()).toMatchInlineSnapshot(`
      "expected the response to use at most 29 output tokens: it used 30 output tokens
      response: "{\\"refund\\": \\"issued\\", \\"order\\": \\"42\\"}""
    `);
  });

  it('toPassJudge grades with the given judge and threshold', async () => {
    expect((await agentMatchers.toPassJudge(run, 'Confirms the refund', { judge: fakeJudge(0.9) })).pass).toBe(true);
    const low = await agentMatchers.toPassJudge(run, 'Confirms the refund', { judge: fakeJudge(0.75), threshold: 0.8 });
    expect(low.pass).toBe(false);
    expect(low.message()).toMatchInlineSnapshot(`
      "expected the response to pass the judge on "Confirms the refund": the judge's score 0.75 is below the threshold 0.8: because
      response: "{\\"refund\\": \\"issued\\", \\"order\\": \\"42\\"}""
    `);
  });

  it('a judge that cannot give a verdict is an error, not a failed or passed match', async () => {
    const broken: Judge = {
      ...fakeJudge(1),
      grade: async () => ({ ok: false, error: 'malformed verdict', tokens: { input: 1, output: 1 } }),
    };
    await expect(agentMatchers.toPassJudge(run, 'x', { judge: broken })).rejects.toThrow(/malformed verdict/);
  });

  it('works through expect(…) with the Matchers augmentation', async () => {
    expect.extend(agentMatchers);
    expect(run).toCallTool('lookup_order');
    expect(run).not.toCallTool('delete_account');
    expect(() => expect(run).toNotCallTool('lookup_order')).toThrow(/not to call tool "lookup_order"/);
    expect(() => expect(run).toContainKeywords(['missing'])).toThrow(/expected the response to contain \["missing"\]/);
  });
});
