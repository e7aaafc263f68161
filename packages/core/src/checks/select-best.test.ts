import { describe, expect, it } from 'vitest';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { selectBest } from './select-best.js';

const choice = (best: unknown, reason = 'most complete') => ({ name: 'submit_choice', arguments: { best, reason } });

describe('selectBest', () => {
  it("returns the grader's forced choice", async () => {
    const llm = createMockLlm([{ respond: { toolCalls: [choice(1)] } }]);
    const outcome = await selectBest({ grader: { llm }, input: 'q', outputs: ['a', 'b', 'c'] });
    expect(outcome).toMatchObject({ ok: true, best: 1, reason: 'most complete' });
  });

  it.each([
    ['no call', { respond: 'I like the second' }, /did not call submit_choice/],
    ['two calls', { respond: { toolCalls: [choice(0), choice(1)] } }, /called submit_choice 2 times/],
    ['out of range', { respond: { toolCalls: [choice(3)] } }, /not an index of the 3 candidates/],
    ['not an integer', { respond: { toolCalls: [choice('1')] } }, /not an index/],
    ['cut off', { respond: { toolCalls: [choice(0)], finishReason: 'length' } }, /cut off/],
  ])('%s is an error after the retries, never a pick', async (_, rule, message) => {
    const outcome = await selectBest({
      grader: { llm: createMockLlm([rule as never]) },
      input: 'q',
      outputs: ['a', 'b', 'c'],
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error).toMatch(message);
  });

  it('needs two outputs', async () => {
    const outcome = await selectBest({
      grader: { llm: createMockLlm([{ respond: 'x' }]) },
      input: 'q',
      outputs: ['a'],
    });
    expect(outcome.ok).toBe(false);
  });
});
