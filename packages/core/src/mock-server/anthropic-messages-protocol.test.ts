import { describe, expect, it } from 'vitest';
import type { LlmResponse } from '../llm/types.js';
import { anthropicMessagesProtocol as protocol } from './anthropic-messages-protocol.js';
import type { ChatCall } from './chat-call.js';
import type { MockServerRequest } from './request-log.js';

const entry = (): MockServerRequest => ({
  id: 12,
  method: 'POST',
  path: '/v1/messages',
  api: 'anthropic',
  stream: false,
  offeredTools: [],
  calledTools: [],
  status: 0,
  startedAt: 0,
});
const response: LlmResponse = {
  text: 'Checking.',
  toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } }],
  usage: { inputTokens: 20, outputTokens: 9 },
  latencyMs: 0,
  model: 'claude-x',
  finishReason: 'tool_calls',
  raw: { rule: 'rules[1]' },
};
const frame = { id: protocol.responseId(12), created: 1_700_000_000 };

describe('anthropicMessagesProtocol', () => {
  it('routes POST /v1/messages with request-id and msg_ ids', () => {
    expect([protocol.method, protocol.path, protocol.api, protocol.provider]).toEqual([
      'POST',
      '/v1/messages',
      'anthropic',
      'anthropic',
    ]);
    expect(protocol.requestIdHeader).toBe('request-id');
    expect(frame.id).toBe('msg_mock000012');
  });

  it('parses content blocks, tool results and label headers, and notes them in the log', () => {
    const log = entry();
    const call = protocol.parse(
      {
        model: 'claude-x',
        max_tokens: 100,
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 't1', content: 'sunny', is_error: true },
              { type: 'text', text: 'and tomorrow?' },
            ],
          },
        ],
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        tool_choice: { type: 'any' },
        metadata: { user_id: 'not-a-label' },
      },
      { 'x-agent-cicd-prompt-version': 'v2' },
      log,
    );
    expect(call.request).toMatchObject({
      model: 'claude-x',
      maxTokens: 100,
      system: 'Be brief.',
      toolChoice: 'required',
      metadata: { promptVersion: 'v2' },
    });
    expect(call.request.metadata).not.toHaveProperty('user_id');
    expect(call.request.messages).toEqual([
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', toolCallId: 't1', name: 'get_weather', content: 'sunny', isError: true },
      { role: 'user', content: 'and tomorrow?' },
    ]);
    expect(log).toMatchObject({ model: 'claude-x', offeredTools: ['get_weather'], lastUserMessage: 'and tomorrow?' });
    expect(protocol.mapMessages([{ role: 'user', content: 'x' }])).toEqual({
      messages: [{ role: 'user', content: 'x' }],
    });
  });

  it('rejects a request without max_tokens', () => {
    expect(() => protocol.parse({ messages: [] }, {}, entry())).toThrow('max_tokens: Field required');
  });

  it('renders a message with the answering rule, and streams message_start … message_stop when asked', () => {
    const plain: ChatCall = { request: { messages: [] }, includeUsage: false };
    expect(JSON.parse(protocol.render(response, plain, frame))).toMatchObject({
      id: 'msg_mock000012',
      type: 'message',
      stop_reason: 'tool_use',
      content: [{ type: 'text' }, { type: 'tool_use', name: 'get_weather' }],
      agent_cicd_mock: { rule: 'rules[1]' },
    });
    expect(protocol.stream?.(response, plain, frame)).toBeUndefined();
    const frames = protocol.stream?.(response, { request: { messages: [], stream: true }, includeUsage: false }, frame);
    expect(frames?.[0]).toMatch(/^event: message_start\ndata: /);
    expect(frames?.at(-1)).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
    expect(protocol.brokenFrame).toMatch(/^event: content_block_delta\ndata: \{/);
  });

  it("shapes errors like Anthropic's, with the request id in the body", () => {
    expect(protocol.errorBody(529, 'Overloaded', 'req_mock_3')).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_mock_3',
    });
  });
});
