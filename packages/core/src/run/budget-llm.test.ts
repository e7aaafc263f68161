import { describe, expect, it } from 'vitest';
import type { LlmClient, LlmRequest, LlmResponse } from '../llm/types.js';
import { type BudgetExceededError, budgetLlm } from './budget-llm.js';

/** A client whose every answer costs `costUsd` (undefined: the model has no price). */
function client(provider: string, costUsd: number | undefined): LlmClient & { calls: number } {
  const fake = {
    provider,
    calls: 0,
    async complete(): Promise<LlmResponse> {
      fake.calls++;
      return { text: 'ok', toolCalls: [], model: 'my-model', costUsd } as unknown as LlmResponse;
    },
  };
  return fake;
}

const request = { messages: [{ role: 'user', content: 'hi' }] } as unknown as LlmRequest;

async function spend(llm: LlmClient, times: number): Promise<string | undefined> {
  for (let i = 0; i < times; i++) {
    try {
      await llm.complete(request);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}

describe('budgetLlm', () => {
  it('stops the run once the priced answers reach the cost budget, and refuses further calls', async () => {
    const inner = client('openai', 0.4);
    const stops: BudgetExceededError[] = [];
    const refused = await spend(
      budgetLlm(inner, { maxCostUsd: 1 }, (reason) => stops.push(reason)),
      5,
    );
    expect(inner.calls).toBe(3);
    expect(refused).toBe('the run reached its budget of $1 (spent $1.2000)');
    expect(stops.map((stop) => stop.code)).toEqual(['AGENT_CICD_BUDGET_EXCEEDED']);
  });

  it('stops a cost-budgeted run at the first answer of a model without a price, naming the model', async () => {
    const inner = client('openai', undefined);
    const stops: BudgetExceededError[] = [];
    const refused = await spend(
      budgetLlm(inner, { maxCostUsd: 100 }, (reason) => stops.push(reason)),
      5,
    );
    expect(inner.calls).toBe(1);
    expect(refused).toBe(
      'the budget of $100 cannot be kept: model "my-model" has no price (add it under llm.prices in the config, or use --max-calls)',
    );
    expect(stops).toHaveLength(1);
  });

  it('lets unpriced answers through when nothing is budgeted by cost, and the mock, which is free', async () => {
    const byCalls = client('openai', undefined);
    expect(
      await spend(
        budgetLlm(byCalls, { maxCalls: 10 }, () => undefined),
        5,
      ),
    ).toBeUndefined();
    expect(byCalls.calls).toBe(5);
    const mock = client('mock', undefined);
    expect(
      await spend(
        budgetLlm(mock, { maxCostUsd: 1 }, () => undefined),
        5,
      ),
    ).toBeUndefined();
    expect(mock.calls).toBe(5);
  });
});
