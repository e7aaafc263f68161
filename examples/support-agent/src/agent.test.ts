// Unit tests of the agent's own loop (the pipeline's unit_test stage runs them: `npm run test:unit`).
// No model and no tools: a scripted `ctx.llm` and a recording `ctx.tools` stand in for them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentFunction, LlmResponse } from '@agent-cicd/core';

type AgentContext = Parameters<AgentFunction>[1];
type AgentInput = Parameters<AgentFunction>[0];

const input = (userInput: string): AgentInput => ({
  caseId: 'unit',
  trial: 1,
  userInput,
  vars: {},
  messages: [{ role: 'user', content: userInput }],
});

import { run } from './agent.js';

function context(replies: Array<Partial<LlmResponse>>, calls: string[]): AgentContext {
  const script = [...replies];
  return {
    llm: {
      complete: async () => ({ text: '', toolCalls: [], ...script.shift() }) as LlmResponse,
    },
    tools: {
      definitions: [],
      calls: [],
      call: async (name: string) => {
        calls.push(name);
        return { name, arguments: {}, result: { status: 'shipped' }, latencyMs: 0 };
      },
    },
    settings: {},
  } as unknown as AgentContext;
}

test('answers directly when the model calls no tool', async () => {
  const calls: string[] = [];
  const answer = await run(input('Hi!'), context([{ text: 'Hello!' }], calls));
  assert.equal(answer, 'Hello!');
  assert.deepEqual(calls, []);
});

test('calls the tools the model asks for, then answers', async () => {
  const calls: string[] = [];
  const replies = [
    { text: '', toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: { orderId: 'A1001' } }] },
    { text: 'Your order has shipped.' },
  ];
  const answer = await run(input('Where is A1001?'), context(replies, calls));
  assert.equal(answer, 'Your order has shipped.');
  assert.deepEqual(calls, ['lookup_order']);
});

test('gives up after five model turns that keep calling tools', async () => {
  const calls: string[] = [];
  const loop = { text: '', toolCalls: [{ id: 'c', name: 'search_kb', arguments: { query: 'x' } }] };
  const answer = await run(input('?'), context(Array(6).fill(loop), calls));
  assert.equal(answer, 'Sorry, I could not finish that request.');
  assert.equal(calls.length, 5);
});
