import { describe, expect, it } from 'vitest';
import type { LlmClient, LlmRequest, LlmResponse } from '../llm/types.js';
import { type BudgetExceededError, createBudgetMeter } from './budget-meter.js';

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

describe('createBudgetMeter', () => {
  it('stops the run once the priced answers reach the cost budget, and refuses further calls', async () => {
    const inner = client('openai', 0.4);
    const stops: BudgetExceededError[] = [];
    const refused = await spend(createBudgetMeter({ maxCostUsd: 1 }, (reason) => stops.push(reason)).wrap(inner), 5);
    expect(inner.calls).toBe(3);
    expect(refused).toBe('the run reached its budget of $1 (spent $1.2000)');
    expect(stops.map((stop) => stop.code)).toEqual(['AGENT_CICD_BUDGET_EXCEEDED']);
  });

  it('stops a cost-budgeted run at the first answer of a model without a price, naming the model', async () => {
    const inner = client('openai', undefined);
    const stops: BudgetExceededError[] = [];
    const refused = await spend(createBudgetMeter({ maxCostUsd: 100 }, (reason) => stops.push(reason)).wrap(inner), 5);
    expect(inner.calls).toBe(1);
    expect(refused).toBe(
      'the budget of $100 cannot be kept: model "my-model" has no price (add it under llm.prices in the config, or use --max-calls)',
    );
    expect(stops).toHaveLength(1);
  });

  it('lets unpriced answers through when nothing is budgeted by cost, and the mock, which is free', async () => {
    const byCalls = client('openai', undefined);
    expect(await spend(createBudgetMeter({ maxCalls: 10 }, () => undefined).wrap(byCalls), 5)).toBeUndefined();
    expect(byCalls.calls).toBe(5);
    const mock = client('mock', undefined);
    expect(await spend(createBudgetMeter({ maxCostUsd: 1 }, () => undefined).wrap(mock), 5)).toBeUndefined();
    expect(mock.calls).toBe(5);
  });

  it('counts every client it wraps against one budget (the agent and its judge)', async () => {
    const meter = createBudgetMeter({ maxCalls: 3 }, () => undefined);
    const agent = meter.wrap(client('openai', 0));
    const judge = meter.wrap(client('anthropic', 0));
    expect(await spend(agent, 2)).toBeUndefined();
    expect(await spend(judge, 2)).toBe('the run reached its budget of 3 model calls');
    expect(await spend(agent, 1)).toBe('the run reached its budget of 3 model calls');
  });
});
