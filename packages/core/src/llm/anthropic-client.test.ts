import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { LlmError } from '../errors.js';
import {
  type CannedResponse,
  type FixtureServer,
  realApiIndex,
  realApiResponse,
  startFixtureServer,
} from '../test-utils/fixture-server.js';
import { type AnthropicLike, createAnthropicClient } from './anthropic-client.js';
import { createProviderLimiter } from './provider-limiter.js';
import type { LlmRequest } from './types.js';

let server: FixtureServer;
let next: CannedResponse;

beforeAll(async () => {
  server = await startFixtureServer(() => next);
});
afterAll(() => server.close());

const request: LlmRequest = { messages: [{ role: 'user', content: 'What is the weather in Berlin?' }] };

function client(stream = false) {
  return createAnthropicClient({
    apiKey: 'sk-ant-test',
    baseURL: server.url,
    model: 'claude-haiku-4-5',
    stream,
    maxRetries: 0,
    limiter: createProviderLimiter(4),
  });
}

function serve(file: string): void {
  const entry = realApiIndex().find((e) => e.file === file);
  if (!entry) throw new Error(`no fixture ${file}`);
  next = realApiResponse(entry);
}

const BERLIN_TEXT =
  "The weather in Berlin is currently:\n- **Temperature:** 15°C\n- **Wind:** 10 km/h\n\nIt's relatively mild with a light breeze. Perfect for a walk around the city!";

describe('createAnthropicClient over recorded Anthropic payloads', () => {
  it('parses a text message (anthropic-messages-text.json)', async () => {
    serve('anthropic-messages-text.json');
    const response = await client().complete(request);
    expect(response).toMatchObject({
      text: '2 + 2 = 4',
      toolCalls: [],
      usage: { inputTokens: 16, outputTokens: 13 },
      model: 'claude-haiku-4-5-20251001',
      finishReason: 'stop',
    });
    expect(response.costUsd).toBeCloseTo((16 * 1 + 13 * 5) / 1e6, 12);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', url: '/v1/messages' });
  });

  it('parses a tool_use block (anthropic-messages-tool-use.json)', async () => {
    serve('anthropic-messages-tool-use.json');
    const response = await client().complete(request);
    expect(response).toMatchObject({
      text: '',
      finishReason: 'tool_calls',
      usage: { inputTokens: 633, outputTokens: 75 },
    });
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01Ay5KzhmQYMK53svGLaAxfc',
        name: 'weather',
        arguments: { latitude: '52.5200', longitude: '13.4050' },
      },
    ]);
  });

  it('parses text followed by tool_use (anthropic-messages-text-and-tool-use.json)', async () => {
    serve('anthropic-messages-text-and-tool-use.json');
    const response = await client().complete(request);
    expect(response.text).toMatch(/^<thinking>\nThe get_weather tool is directly relevant/);
    expect(response.toolCalls).toEqual([
      { id: 'toolu_01DYJo37oETVsCdLTTcCWcdq', name: 'get_weather', arguments: { location: 'San Francisco, CA' } },
    ]);
    expect(response).toMatchObject({ finishReason: 'tool_calls', model: 'claude-3-opus-20240229' });
    expect(response.costUsd).toBeCloseTo((599 * 15 + 152 * 75) / 1e6, 12);
  });

  it('aggregates a padded text stream (anthropic-messages-stream-text.sse)', async () => {
    serve('anthropic-messages-stream-text.sse');
    // the real API pads JSON before the closing brace; the fixture keeps it
    expect(next.body.toString()).toMatch(/\{"type":"message_stop" +\}/);
    const response = await client(true).complete(request);
    expect(response).toMatchObject({
      text: BERLIN_TEXT,
      toolCalls: [],
      usage: { inputTokens: 748, outputTokens: 49 },
      model: 'claude-haiku-4-5-20251001',
      finishReason: 'stop',
    });
    expect(response.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect((response.raw as { type: string }[]).at(-1)?.type).toBe('message_stop');
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true });
  });

  it('assembles input_json_delta fragments (anthropic-messages-stream-tool-use.sse)', async () => {
    serve('anthropic-messages-stream-tool-use.sse');
    const response = await client(true).complete(request);
    expect(response).toMatchObject({
      text: '',
      finishReason: 'tool_calls',
      usage: { inputTokens: 633, outputTokens: 75 },
    });
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01MKSN7NHsBVKr7Jvw5pqCQq',
        name: 'weather',
        arguments: { latitude: '52.5200', longitude: '13.4050' },
      },
    ]);
  });

  it('keeps text and tool blocks of one stream apart (anthropic-messages-stream-text-and-tool-use.sse)', async () => {
    serve('anthropic-messages-stream-text-and-tool-use.sse');
    const response = await client(true).complete(request);
    expect(response.text).toMatch(/^<thinking>\nThe get_weather tool is relevant.*<\/thinking>$/s);
    expect(response.toolCalls).toEqual([
      { id: 'toolu_01LktqwpwQ8XKE8D17BffC65', name: 'get_weather', arguments: { location: 'San Francisco, CA' } },
    ]);
    expect(response).toMatchObject({ finishReason: 'tool_calls', usage: { inputTokens: 599, outputTokens: 135 } });
  });

  it.each([
    ['anthropic-messages-error-400-invalid-request.json', 'context_length', 400, false],
    ['anthropic-messages-error-401-authentication.json', 'auth', 401, false],
    ['anthropic-messages-error-429-rate-limit.json', 'rate_limit', 429, true],
    ['anthropic-messages-error-529-overloaded.json', 'overloaded', 529, true],
  ] as const)('maps %s to a typed LlmError', async (file, kind, status, retryable) => {
    serve(file);
    const error = await client()
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind, status, retryable, provider: 'anthropic' });
    expect((error as LlmError).requestId).toMatch(/^req_/);
    expect((error as LlmError).cause).toBeInstanceOf(Anthropic.APIError);
  });

  it('covers every recorded Anthropic file', () => {
    const tested = [
      'anthropic-messages-text.json',
      'anthropic-messages-tool-use.json',
      'anthropic-messages-text-and-tool-use.json',
      'anthropic-messages-stream-text.sse',
      'anthropic-messages-stream-tool-use.sse',
      'anthropic-messages-stream-text-and-tool-use.sse',
      'anthropic-messages-error-400-invalid-request.json',
      'anthropic-messages-error-401-authentication.json',
      'anthropic-messages-error-429-rate-limit.json',
      'anthropic-messages-error-529-overloaded.json',
    ];
    const files = realApiIndex()
      .filter((e) => e.provider === 'anthropic')
      .map((e) => e.file);
    expect(files.filter((f) => !tested.includes(f))).toEqual([]);
  });
});

describe('createAnthropicClient streaming details', () => {
  it('measures time to first token and latency on the injected clock', async () => {
    serve('anthropic-messages-stream-text.sse');
    let now = 0;
    const llm = createAnthropicClient({
      apiKey: 'k',
      baseURL: server.url,
      model: 'claude-haiku-4-5',
      maxRetries: 0,
      clock: () => (now += 100),
    });
    const response = await llm.complete({ ...request, stream: true });
    // clock reads: start (100), first text delta (200), end (300)
    expect(response.timeToFirstTokenMs).toBe(100);
    expect(response.latencyMs).toBe(200);
  });

  it('maps an error event inside a 200 stream to a retryable LlmError', async () => {
    next = {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: [
        'event: message_start',
        'data: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":3,"output_tokens":1}}}',
        '',
        'event: error',
        'data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}   }',
        '',
        '',
      ].join('\n'),
    };
    const error = await client(true)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'overloaded', retryable: true, provider: 'anthropic' });
  });
});

describe('createAnthropicClient request mapping', () => {
  it('sends system, tool_use / tool_result turns, tools and tool choice in Messages format, and no temperature', async () => {
    serve('anthropic-messages-text.json');
    await client().complete({
      system: 'You are terse.',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: 'Checking both.',
          toolCalls: [
            { id: 't1', name: 'weather', arguments: { city: 'Paris' } },
            { id: 't2', name: 'weather', arguments: { city: 'Rome' } },
          ],
        },
        { role: 'tool', toolCallId: 't1', name: 'weather', content: '21C' },
        { role: 'tool', toolCallId: 't2', name: 'weather', content: 'no data', isError: true },
        { role: 'user', content: 'And tomorrow?' },
      ],
      tools: [{ name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
      toolChoice: 'required',
      temperature: 0.2,
    });
    expect(server.requests.at(-1)?.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 4096,
      system: 'You are terse.',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 't1', name: 'weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 't2', name: 'weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: '21C' },
            { type: 'tool_result', tool_use_id: 't2', content: 'no data', is_error: true },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
      tools: [{ name: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      tool_choice: { type: 'any' },
    });
  });

  it('accepts a ready SDK instance and maps named tool choice and maxTokens', async () => {
    serve('anthropic-messages-text.json');
    const sdk = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url });
    expectTypeOf(sdk).toExtend<AnthropicLike>();
    const llm = createAnthropicClient({ client: sdk, model: 'claude-3-5-haiku-latest', maxRetries: 0 });
    await llm.complete({
      ...request,
      maxTokens: 64,
      tools: [{ name: 'weather', parameters: { type: 'object' } }],
      toolChoice: { name: 'weather' },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({
      max_tokens: 64,
      tool_choice: { type: 'tool', name: 'weather' },
    });
  });
});
