import { describe, expect, it } from 'vitest';
import type { LlmClient, LlmResponse } from '../llm/types.js';
import type { ChatCall } from './chat-call.js';
import { createMockBackend } from './create-mock-backend.js';
import { openAiChatProtocol as protocol } from './openai-chat-protocol.js';
import type { MockServerRequest } from './request-log.js';

const entry = (): MockServerRequest => ({
  id: 7,
  method: 'POST',
  path: '/v1/chat/completions',
  api: 'openai',
  stream: false,
  offeredTools: [],
  calledTools: [],
  status: 0,
  startedAt: 0,
});
const response: LlmResponse = {
  text: 'It is sunny.',
  toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
  usage: { inputTokens: 12, outputTokens: 5 },
  latencyMs: 0,
  model: 'gpt-4o-mini',
  finishReason: 'tool_calls',
  raw: { rule: 'weather' },
};
const frame = { id: protocol.responseId(7), created: 1_700_000_000 };

describe('openAiChatProtocol', () => {
  it('routes POST /v1/chat/completions with x-request-id and chatcmpl ids', () => {
    expect([protocol.method, protocol.path, protocol.api, protocol.provider]).toEqual([
      'POST',
      '/v1/chat/completions',
      'openai',
      'openai',
    ]);
    expect(protocol.requestIdHeader).toBe('x-request-id');
    expect(frame.id).toBe('chatcmpl-mock000007');
  });

  it('parses messages, tools and labels (body metadata, then x-agent-cicd-* headers) and notes them in the log', () => {
    const log = entry();
    const call = protocol.parse(
      {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'developer', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
        metadata: { caseId: 'from-body', team: 'support', n: 3 },
        stream: true,
        stream_options: { include_usage: true },
      },
      { 'x-agent-cicd-case-id': 'case%201', 'x-agent-cicd-trial': '2' },
      log,
    );
    expect(call.includeUsage).toBe(true);
    expect(call.request).toMatchObject({
      model: 'gpt-4o-mini',
      system: 'Be brief.',
      stream: true,
      metadata: { caseId: 'case 1', trial: '2', team: 'support' },
    });
    expect(call.request.metadata).not.toHaveProperty('n');
    expect(call.request.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(call.request.messages[2]).toMatchObject({ name: 'get_weather', content: 'sunny' });
    expect(log).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      offeredTools: ['get_weather'],
      lastUserMessage: 'weather?',
      caseId: 'case 1',
    });
    expect(protocol.faultContext?.(call, log)).toEqual({
      path: '/v1/chat/completions',
      model: 'gpt-4o-mini',
      message: 'weather?',
    });
  });

  it('maps messages on its own: system and developer turns become the system text', () => {
    expect(
      protocol.mapMessages([
        { role: 'system', content: 'A' },
        { role: 'user', content: 'hi' },
        { role: 'developer', content: 'B' },
      ]),
    ).toEqual({ system: 'A\nB', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('rejects a body that is not an object, or a message with an unknown role', () => {
    expect(() => protocol.parse([], {}, entry())).toThrow('the request body must be a JSON object');
    expect(() => protocol.parse({ messages: [{ role: 'robot', content: 'x' }] }, {}, entry())).toThrow(
      /messages\[0\]\.role/,
    );
  });

  it('answers through the backend client and logs the tools it called', async () => {
    const seen: unknown[] = [];
    const llm: LlmClient = {
      provider: 'mock',
      complete: async (request) => {
        seen.push(request.messages);
        return response;
      },
    };
    const log = entry();
    const call: ChatCall = { request: { messages: [{ role: 'user', content: 'hi' }] }, includeUsage: false };
    expect(await protocol.answer(call, createMockBackend(llm, []), log)).toBe(response);
    expect(seen).toEqual([[{ role: 'user', content: 'hi' }]]);
    expect(log.calledTools).toEqual(['get_weather']);
  });

  it('renders a chat.completion with the answering rule, and streams only when asked, ending with [DONE]', () => {
    const plain: ChatCall = { request: { messages: [] }, includeUsage: false };
    expect(JSON.parse(protocol.render(response, plain, frame))).toMatchObject({
      id: 'chatcmpl-mock000007',
      object: 'chat.completion',
      created: 1_700_000_000,
      choices: [{ finish_reason: 'tool_calls', message: { tool_calls: [{ function: { name: 'get_weather' } }] } }],
      agent_cicd_mock: { rule: 'weather' },
    });
    expect(JSON.parse(protocol.render({ ...response, raw: undefined }, plain, frame))).not.toHaveProperty(
      'agent_cicd_mock',
    );
    expect(protocol.stream?.(response, plain, frame)).toBeUndefined();
    const frames = protocol.stream?.(response, { request: { messages: [], stream: true }, includeUsage: true }, frame);
    expect(frames?.every((f) => f.startsWith('data: ') && f.endsWith('\n\n'))).toBe(true);
    expect(frames?.at(-1)).toBe('data: [DONE]\n\n');
    expect(JSON.parse(frames?.at(-2)?.slice(6) ?? '')).toMatchObject({ choices: [], usage: { total_tokens: 17 } });
    expect(protocol.brokenFrame).toMatch(/^data: \{/);
  });

  it("shapes errors like OpenAI's", () => {
    expect(protocol.errorBody(429, 'slow down', 'req_mock_1')).toEqual({
      error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });
});
