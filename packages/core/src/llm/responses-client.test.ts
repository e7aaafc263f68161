import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CannedResponse,
  type FixtureServer,
  realApiIndex,
  realApiResponse,
  startFixtureServer,
} from '../test-utils/fixture-server.js';
import { createOpenAiClient } from './openai-client.js';
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
    api: 'responses',
    apiKey: 'sk-test',
    baseURL: `${server.url}/v1`,
    model: 'gpt-4o-mini',
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

describe("createOpenAiClient({ api: 'responses' }) over recorded Responses API payloads", () => {
  it('parses output_text (openai-responses-text.json)', async () => {
    serve('openai-responses-text.json');
    const response = await client().complete({ ...request, system: 'You are a helpful assistant.' });
    expect(response).toMatchObject({
      text: 'This is a test.',
      toolCalls: [],
      usage: { inputTokens: 22, outputTokens: 6 },
      model: 'gpt-4o-mini-2024-07-18',
      finishReason: 'stop',
    });
    expect(server.requests.at(-1)).toMatchObject({
      url: '/v1/responses',
      body: {
        model: 'gpt-4o-mini',
        instructions: 'You are a helpful assistant.',
        input: [{ role: 'user', content: 'Say this is a test' }],
      },
    });
  });

  it('parses a function_call item (openai-responses-function-call.json)', async () => {
    serve('openai-responses-function-call.json');
    const response = await client().complete(request);
    expect(response).toMatchObject({
      text: '',
      finishReason: 'tool_calls',
      usage: { inputTokens: 72, outputTokens: 8 },
    });
    expect(response.toolCalls).toEqual([
      { id: 'call_90uO5LcGP5vTBTCrjyhYtWsA', name: 'get_current_weather', arguments: { location: 'Seattle, WA' } },
    ]);
  });

  it('reads a text stream to response.completed (openai-responses-stream-text.sse)', async () => {
    serve('openai-responses-stream-text.sse');
    const response = await client(true).complete(request);
    expect(response).toMatchObject({
      text: 'This is a test.',
      finishReason: 'stop',
      usage: { inputTokens: 22, outputTokens: 6 },
    });
    expect(response.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it('skips reasoning items and parses a streamed function call (openai-responses-stream-function-call.sse)', async () => {
    serve('openai-responses-stream-function-call.sse');
    const response = await client(true).complete(request);
    expect(response).toMatchObject({
      text: '',
      finishReason: 'tool_calls',
      model: 'gpt-5-nano-2025-08-07',
      usage: { inputTokens: 87, outputTokens: 339 },
    });
    expect(response.toolCalls).toEqual([
      {
        id: 'call_E9m0fralKLjUmND1MuTXjnqm',
        name: 'weather',
        arguments: { latitude: '52.5200', longitude: '13.4050' },
      },
    ]);
    expect(response.costUsd).toBeCloseTo((87 * 0.05 + 339 * 0.4) / 1e6, 12);
  });

  it.each([
    ['openai-chat-text.json', false],
    ['openai-chat-stream-text.sse', true],
  ])('rejects a chat-completions payload (%s) as invalid_response', async (file, stream) => {
    serve(file);
    const error = await client(stream)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false });
  });

  it('sends tool history as function_call / function_call_output items', async () => {
    serve('openai-responses-text.json');
    await client().complete({
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Oslo' } }] },
        { role: 'tool', toolCallId: 'c1', name: 'weather', content: '3C' },
      ],
      tools: [{ name: 'weather', parameters: { type: 'object' } }],
      toolChoice: { name: 'weather' },
      maxTokens: 20,
    });
    expect(server.requests.at(-1)?.body).toEqual({
      model: 'gpt-4o-mini',
      input: [
        { role: 'user', content: 'Weather?' },
        { type: 'function_call', call_id: 'c1', name: 'weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'c1', output: '3C' },
      ],
      tools: [{ type: 'function', name: 'weather', parameters: { type: 'object' }, strict: false }],
      tool_choice: { type: 'function', name: 'weather' },
      max_output_tokens: 20,
    });
  });
});
