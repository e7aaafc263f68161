import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { LlmError } from '../errors.js';
import {
  type CannedResponse,
  type FixtureServer,
  realApiIndex,
  realApiResponse,
  startFixtureServer,
} from '../test-utils/fixture-server.js';
import { createOpenAiClient, type OpenAiLike } from './openai-client.js';
import { createProviderLimiter } from './provider-limiter.js';
import type { LlmRequest } from './types.js';

let server: FixtureServer;
let next: CannedResponse;

beforeAll(async () => {
  server = await startFixtureServer(() => next);
});
afterAll(() => server.close());

const request: LlmRequest = { messages: [{ role: 'user', content: 'Say this is a test' }] };

function client(stream = false) {
  return createOpenAiClient({
    apiKey: 'sk-test',
    baseURL: `${server.url}/v1`,
    model: 'gpt-4o-mini',
    stream,
    maxRetries: 0,
    limiter: createProviderLimiter(4),
  });
}

function serve(file: string) {
  const entry = realApiIndex().find((e) => e.file === file);
  if (!entry) throw new Error(`no fixture ${file}`);
  next = realApiResponse(entry);
  return entry;
}

describe('createOpenAiClient over recorded OpenAI payloads', () => {
  it('parses a text completion (openai-chat-text.json)', async () => {
    serve('openai-chat-text.json');
    const response = await client().complete(request);
    expect(response).toMatchObject({
      text: 'This is a test.',
      toolCalls: [],
      usage: { inputTokens: 12, outputTokens: 5 },
      model: 'gpt-4o-mini-2024-07-18',
      finishReason: 'stop',
    });
    expect(response.costUsd).toBeCloseTo((12 * 0.15 + 5 * 0.6) / 1e6, 12);
    expect((response.raw as { id: string }).id).toBe('chatcmpl-ASYMQRl3A3DXL9FWCK9tnGRcKIO7q');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
  });

  it('parses parallel tool calls with arguments (openai-chat-tool-calls.json)', async () => {
    serve('openai-chat-tool-calls.json');
    const response = await client().complete(request);
    expect(response.text).toBe('');
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage).toEqual({ inputTokens: 75, outputTokens: 51 });
    expect(response.toolCalls).toEqual([
      { id: 'call_JpNb8OiAkbIbHzDggfpdDHpi', name: 'get_current_weather', arguments: { location: 'Seattle, WA' } },
      {
        id: 'call_vaFQc3zK6hHTRZKXRI5Eo2cJ',
        name: 'get_current_weather',
        arguments: { location: 'San Francisco, CA' },
      },
    ]);
  });

  it('aggregates a text stream with usage and time to first token (openai-chat-stream-text.sse)', async () => {
    serve('openai-chat-stream-text.sse');
    const response = await client(true).complete(request);
    expect(response).toMatchObject({
      text: '"This is a test."',
      usage: { inputTokens: 12, outputTokens: 5 },
      model: 'gpt-4-0613',
      finishReason: 'stop',
    });
    expect(response.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(response.raw).toHaveLength(8);
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('aggregates streamed tool-call deltas by index (openai-chat-stream-tool-calls.sse)', async () => {
    serve('openai-chat-stream-tool-calls.sse');
    const response = await client(true).complete(request);
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage).toEqual({ inputTokens: 75, outputTokens: 51 });
    expect(response.toolCalls).toEqual([
      { id: 'call_fHCjJqt9Pysde6vcJcvbXGBx', name: 'get_current_weather', arguments: { location: 'Seattle, WA' } },
      {
        id: 'call_3J9foSw3CUb48lrqIXoTky6U',
        name: 'get_current_weather',
        arguments: { location: 'San Francisco, CA' },
      },
    ]);
  });

  it.each([
    ['openai-chat-error-401-invalid-api-key.json', 'auth', 401, false],
    ['openai-chat-error-404-model-not-found.json', 'not_found', 404, false],
    ['openai-chat-error-400-unsupported-value.json', 'invalid_request', 400, false],
    ['openai-chat-error-429-rate-limit.json', 'rate_limit', 429, true],
    ['openai-responses-error-400-context-length-exceeded.json', 'context_length', 400, false],
    ['openai-responses-error-400-model-not-found.json', 'not_found', 400, false],
  ] as const)('maps %s to a typed LlmError', async (file, kind, status, retryable) => {
    serve(file);
    const error = await client()
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({
      kind,
      status,
      retryable,
      provider: 'openai',
      code: `AGENT_CICD_LLM_${kind.toUpperCase()}`,
    });
    expect((error as LlmError).cause).toBeInstanceOf(OpenAI.APIError);
  });

  it.each([
    ['openai-responses-text.json', false],
    ['openai-responses-function-call.json', false],
    ['openai-responses-stream-text.sse', true],
    ['openai-responses-stream-function-call.sse', true],
  ])('recognises %s as a Responses API payload, not a chat completion', async (file, stream) => {
    serve(file);
    const error = await client(stream)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false });
    expect((error as Error).message).toMatch(/not a chat completion \(a Responses API object/);
  });

  it('covers every recorded OpenAI file', () => {
    const covered = new Set([
      'openai-chat-text.json',
      'openai-chat-tool-calls.json',
      'openai-chat-stream-text.sse',
      'openai-chat-stream-tool-calls.sse',
      'openai-chat-error-401-invalid-api-key.json',
      'openai-chat-error-404-model-not-found.json',
      'openai-chat-error-400-unsupported-value.json',
      'openai-chat-error-429-rate-limit.json',
      'openai-responses-error-400-context-length-exceeded.json',
      'openai-responses-error-400-model-not-found.json',
      'openai-responses-text.json',
      'openai-responses-function-call.json',
      'openai-responses-stream-text.sse',
      'openai-responses-stream-function-call.sse',
    ]);
    const files = realApiIndex()
      .filter((e) => e.provider === 'openai')
      .map((e) => e.file);
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });
});

describe('createOpenAiClient streaming details', () => {
  it('measures time to first token and latency on the injected clock', async () => {
    serve('openai-chat-stream-text.sse');
    let now = 0;
    const llm = createOpenAiClient({
      apiKey: 'k',
      baseURL: server.url,
      model: 'gpt-4',
      maxRetries: 0,
      clock: () => (now += 100),
    });
    const response = await llm.complete({ ...request, stream: true });
    // clock reads: start (100), first content delta (200), end (300)
    expect(response.timeToFirstTokenMs).toBe(100);
    expect(response.latencyMs).toBe(200);
  });
});

describe('createOpenAiClient request mapping', () => {
  it('sends system, tool history, tools, tool choice and limits in Chat Completions format', async () => {
    serve('openai-chat-text.json');
    await client().complete({
      model: 'gpt-4.1',
      system: 'You are terse.',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Paris' } }] },
        { role: 'tool', toolCallId: 'c1', name: 'weather', content: '{"tempC":21}' },
      ],
      tools: [{ name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: {} } }],
      toolChoice: { name: 'weather' },
      temperature: 0,
      maxTokens: 50,
    });
    expect(server.requests.at(-1)?.body).toEqual({
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"tempC":21}' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: {} } },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      temperature: 0,
      max_tokens: 50,
    });
  });

  it('uses max_completion_tokens against OpenAI itself and accepts a ready SDK instance', async () => {
    serve('openai-chat-text.json');
    const sdk = new OpenAI({ apiKey: 'sk-test', baseURL: `${server.url}/v1`, maxRetries: 5 });
    expectTypeOf(sdk).toExtend<OpenAiLike>();
    const llm = createOpenAiClient({
      client: sdk,
      model: 'gpt-4o-mini',
      maxRetries: 0,
      maxTokensParam: 'max_completion_tokens',
    });
    await llm.complete({ ...request, maxTokens: 10, toolChoice: 'required' });
    const body = server.requests.at(-1)?.body as Record<string, unknown>;
    expect(body.max_completion_tokens).toBe(10);
    expect(body).not.toHaveProperty('max_tokens');
    // tool_choice only travels with tools
    expect(body).not.toHaveProperty('tool_choice');
  });

  it('keeps unparseable tool arguments as rawArguments', async () => {
    next = {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'x',
        object: 'chat.completion',
        model: 'llama3.1',
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a": 1' } }],
            },
          },
        ],
      }),
    };
    const response = await client().complete({ ...request, model: 'llama3.1' });
    expect(response.toolCalls).toEqual([{ id: 'c', name: 'f', arguments: {}, rawArguments: '{"a": 1' }]);
    expect(response.costUsd).toBeUndefined();
    expect(response.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});
