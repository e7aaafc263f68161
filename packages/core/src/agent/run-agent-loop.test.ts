import { describe, expect, it } from 'vitest';
import { createScriptedLlm } from '../test-utils/scripted-llm.js';
import { createMockTools } from '../tools/create-mock-tools.js';
import { createToolRegistry } from '../tools/tool-registry.js';
import { runAgentLoop } from './run-agent-loop.js';

const registry = createToolRegistry({
  tools: createMockTools([
    {
      name: 'search_kb',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
      responses: [{ result: { articles: ['Refunds take 5 days'] } }],
    },
    { name: 'lookup_order', parameters: { type: 'object' }, responses: [{ result: 'shipped' }] },
  ]),
});

describe('runAgentLoop', () => {
  it('runs parallel tool calls, feeds results back and records the trajectory', async () => {
    const llm = createScriptedLlm([
      {
        text: 'Let me check.',
        toolCalls: [
          { name: 'search_kb', arguments: { query: 'refund' } },
          { name: 'lookup_order', arguments: { id: 'A1' } },
        ],
        costUsd: 0.001,
      },
      { text: 'Refunds take 5 days; your order shipped.', costUsd: 0.002 },
    ]);
    const result = await runAgentLoop({
      llm,
      system: 'You are support.',
      messages: [{ role: 'user', content: 'Where is my refund?' }],
      tools: registry.createToolBox(),
      temperature: 0,
      metadata: { caseId: 'c1' },
    });
    expect(result.response).toBe('Refunds take 5 days; your order shipped.');
    expect(result.toolCalls.map((call) => call.name)).toEqual(['search_kb', 'lookup_order']);
    expect(result.tokens).toEqual({ input: 20, output: 10 });
    expect(result.costUsd).toBeCloseTo(0.003);
    expect(result.llmCalls).toBe(2);
    expect(result.violations).toEqual([]);
    expect(result.trajectory?.[0]?.toolCalls[0]).toMatchObject({
      name: 'search_kb',
      result: { articles: ['Refunds take 5 days'] },
    });
    const second = llm.requests[1];
    expect(second?.system).toBe('You are support.');
    expect(second?.tools?.map((tool) => tool.name)).toEqual(['search_kb', 'lookup_order']);
    expect(second?.metadata).toEqual({ caseId: 'c1', step: '1' });
    expect(second?.messages.slice(1)).toEqual([
      expect.objectContaining({ role: 'assistant', content: 'Let me check.' }),
      { role: 'tool', toolCallId: 'call_0_0', name: 'search_kb', content: '{"articles":["Refunds take 5 days"]}' },
      { role: 'tool', toolCallId: 'call_0_1', name: 'lookup_order', content: 'shipped' },
    ]);
  });

  it('tells the model about a bad tool call and records the violation', async () => {
    const llm = createScriptedLlm([{ toolCalls: [{ name: 'search_kb', arguments: { q: 1 } }] }, { text: 'Sorry.' }]);
    const result = await runAgentLoop({
      llm,
      messages: [{ role: 'user', content: 'hi' }],
      tools: registry.createToolBox(),
    });
    expect(result.violations.map((v) => v.check)).toEqual(['tool_schema']);
    expect(llm.requests[1]?.messages.at(-1)).toMatchObject({ role: 'tool', isError: true });
  });

  it('stops after maxSteps with a violation', async () => {
    const llm = createScriptedLlm(() => ({ toolCalls: [{ name: 'lookup_order', arguments: {} }] }));
    const result = await runAgentLoop({
      llm,
      messages: [{ role: 'user', content: 'loop' }],
      tools: registry.createToolBox(),
      maxSteps: 3,
    });
    expect(llm.requests).toHaveLength(3);
    expect(result.violations).toEqual([
      {
        check: 'max_steps',
        message: 'the agent did not give a final answer within 3 model calls',
        severity: 'failure',
      },
    ]);
  });

  it('lets LLM errors propagate', async () => {
    const llm = createScriptedLlm([new Error('server error 500')]);
    await expect(runAgentLoop({ llm, messages: [{ role: 'user', content: 'x' }] })).rejects.toThrow('server error 500');
  });
});
