import { mkdtemp, readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockRuleInput } from '../mock/mock-script-schema.js';
import { type MockServer, type MockServerOptions, startMockServer } from './start-mock-server.js';

const rules: MockRuleInput[] = [
  { when: { toolResult: 'get_weather' }, respond: 'It is {{toolResult}} in Paris.' },
  {
    when: { user: 'weather' },
    respond: {
      text: 'Let me check.',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
        { name: 'get_time', arguments: { zone: 'Europe/Paris' } },
      ],
    },
  },
  { when: { user: 'quota' }, respond: { error: { kind: 'rate_limit', retryAfterMs: 3000 } } },
  { respond: 'Mock says: {{input}}' },
];

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather by city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  server = await startMockServer({
    port: 0,
    script: { model: 'mock-1', rules },
    clock: { now: () => 1_700_000_000_000, sleep: async () => {} },
    ...options,
  });
  return server;
}
const openai = (s: MockServer) => new OpenAI({ baseURL: `${s.url}/v1`, apiKey: 'sk-test-not-real', maxRetries: 0 });
const anthropic = (s: MockServer) => new Anthropic({ baseURL: s.url, apiKey: 'sk-ant-test-not-real', maxRetries: 0 });

describe('mock server with the official openai client', () => {
  it('completes a plain request with usage from the tokenizer', async () => {
    const s = await start();
    const completion = await openai(s).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello there' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Mock says: hello there');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    expect(completion.created).toBe(1_700_000_000);
  });

  it('returns parallel tool calls and takes tool results back', async () => {
    const s = await start();
    const client = openai(s);
    const first = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [weatherTool],
    });
    const message = first.choices[0]?.message;
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(
      message?.tool_calls?.map(
        (call) => call.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)],
      ),
    ).toEqual([
      ['get_weather', { city: 'Paris', unit: 'celsius' }],
      ['get_time', { zone: 'Europe/Paris' }],
    ]);
    const callId = message?.tool_calls?.[0]?.id ?? '';
    const second = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        { role: 'assistant', content: message?.content ?? null, tool_calls: message?.tool_calls },
        { role: 'tool', tool_call_id: callId, content: 'sunny, 21°C' },
      ],
      tools: [weatherTool],
    });
    expect(second.choices[0]?.message.content).toBe('It is sunny, 21°C in Paris.');
    expect(s.requests.map((r) => [r.api, r.offeredTools, r.calledTools, r.status])).toEqual([
      ['openai', ['get_weather'], ['get_weather', 'get_time'], 200],
      ['openai', ['get_weather'], [], 200],
    ]);
  });

  it('streams text with a usage chunk and [DONE], and streams tool calls', async () => {
    const s = await start();
    const client = openai(s);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'tell me a long story about streams' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Mock says: tell me a long story about streams');
    expect(chunks).toBeGreaterThan(3);
    expect(usage?.completion_tokens).toBeGreaterThan(0);

    const runner = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    const final = await runner.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && JSON.parse(call.function.arguments))).toEqual([
      { city: 'Paris', unit: 'celsius' },
      { zone: 'Europe/Paris' },
    ]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(s.requests.map((r) => r.stream)).toEqual([true, true]);
  });

  it('lists models', async () => {
    const s = await start();
    const list = await openai(s).models.list();
    expect(list.data.map((m) => m.id)).toEqual(['mock-1']);
  });
});

describe('mock server with the official Anthropic client', () => {
  it('completes a plain request', async () => {
    const s = await start();
    const message = await anthropic(s).messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'hello claude' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Mock says: hello claude' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('returns tool_use blocks and takes tool_result blocks back', async () => {
    const s = await start();
    const client = anthropic(s);
    const tools = [
      { name: 'get_weather', description: 'Weather', input_schema: { type: 'object' as const, properties: {} } },
    ];
    const first = await client.messages.create({
      model: 'claude',
      max_tokens: 100,
      tools,
      messages: [{ role: 'user', content: 'weather?' }],
    });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use']);
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } });
    const second = await client.messages.create({
      model: 'claude',
      max_tokens: 100,
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: toolUse?.type === 'tool_use' ? toolUse.id : '', content: 'rainy' },
          ],
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'It is rainy in Paris.' }]);
    expect(s.requests.map((r) => [r.api, r.offeredTools, r.calledTools])).toEqual([
      ['anthropic', ['get_weather'], ['get_weather', 'get_time']],
      ['anthropic', ['get_weather'], []],
    ]);
  });

  it('streams text and tool use that the SDK reassembles', async () => {
    const s = await start();
    const client = anthropic(s);
    const textStream = client.messages.stream({
      model: 'claude',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'stream me some words please' }],
    });
    const deltas: string[] = [];
    textStream.on('text', (delta) => deltas.push(delta));
    const textMessage = await textStream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Mock says: stream me some words please');
    expect(textMessage.usage.output_tokens).toBeGreaterThan(0);

    const toolMessage = await client.messages
      .stream({ model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: 'weather?' }] })
      .finalMessage();
    expect(toolMessage.stop_reason).toBe('tool_use');
    expect(toolMessage.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_mock_1_0', name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } },
      { type: 'tool_use', id: 'call_mock_1_1', name: 'get_time', input: { zone: 'Europe/Paris' } },
    ]);
  });

  it('lists models in the Anthropic shape', async () => {
    const s = await start();
    const page = await anthropic(s).models.list();
    expect(page.data.map((m) => m.id)).toEqual(['mock-1']);
  });
});

describe('mock server request log and errors', () => {
  it('serves the log at GET /_mock/requests and clears it with DELETE', async () => {
    const s = await start();
    await openai(s).chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'x-agent-cicd-case-id': 'case-9' } },
    );
    const log = (await (await fetch(`${s.url}/_mock/requests`)).json()) as { requests: Array<Record<string, unknown>> };
    expect(log.requests).toHaveLength(1);
    expect(log.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      model: 'm',
      status: 200,
      caseId: 'case-9',
      lastUserMessage: 'hi',
    });
    await fetch(`${s.url}/_mock/requests`, { method: 'DELETE' });
    expect(s.requests).toHaveLength(0);
  });

  it('turns a script error into the provider error with retry-after', async () => {
    const s = await start();
    const error = await openai(s)
      .chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'quota' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('3');
    const anthropicError = await anthropic(s)
      .messages.create({ model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'quota' }] })
      .catch((e: unknown) => e);
    expect(anthropicError).toBeInstanceOf(Anthropic.RateLimitError);
    expect((anthropicError as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    });
  });

  it('answers bad requests with 400 in each API shape, and unknown routes with 404', async () => {
    const s = await start();
    const bad = await fetch(`${s.url}/v1/chat/completions`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const noMax = await anthropic(s)
      .messages.create({
        model: 'c',
        messages: [{ role: 'user', content: 'x' }],
      } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(noMax).toBeInstanceOf(Anthropic.BadRequestError);
    const missing = await fetch(`${s.url}/v2/whatever`);
    expect(missing.status).toBe(404);
  });

  it("sends each protocol's request-id header; a wrong method on a known path is a 404 logged under its API", async () => {
    const s = await start();
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${s.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers });
    const chat = await post('/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }] });
    expect(chat.headers.get('x-request-id')).toBe('req_mock_1');
    const messages = await post('/v1/messages', { max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
    expect(messages.headers.get('request-id')).toBe('req_mock_2');
    const embeddings = await post('/v1/embeddings', { input: 'hi' });
    expect(embeddings.headers.get('x-request-id')).toBe('req_mock_3');
    const wrong = await fetch(`${s.url}/v1/messages`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(s.requests.map((r) => [r.api, r.status])).toEqual([
      ['openai', 200],
      ['anthropic', 200],
      ['embeddings', 200],
      ['anthropic', 404],
    ]);
  });

  it('warns when bound to a non-loopback interface', async () => {
    const warnings: string[] = [];
    await start({ host: '0.0.0.0', warn: (message) => warnings.push(message) });
    expect(warnings.join()).toMatch(/0\.0\.0\.0.*no authentication/);
    const local = await startMockServer({ port: 0, warn: (message) => warnings.push(message) });
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(warnings).toHaveLength(1);
    await local.close();
  });
});

describe('mock server backed by cassettes', () => {
  it('records answers per route and serves them later without a script; a miss is a 400 naming the case', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'server-cassette-'));
    const recording = await start({ cassette: { dir, mode: 'record' } });
    const ask = (s: MockServer, content: string) =>
      openai(s).chat.completions.create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] },
        { headers: { 'x-agent-cicd-case-id': 'greeting' } },
      );
    const original = await ask(recording, 'hello cassette');
    await recording.close();
    expect(await readdir(dir)).toEqual(['greeting.cassette.json']);

    server = await startMockServer({
      port: 0,
      cassette: { dir },
      clock: { now: () => 1_700_000_000_000, sleep: async () => {} },
    });
    const replayed = await ask(server, 'hello cassette');
    expect(replayed.choices[0]?.message.content).toBe(original.choices[0]?.message.content);
    expect(replayed.usage).toEqual(original.usage);
    const miss = await ask(server, 'never recorded').catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(OpenAI.BadRequestError);
    expect((miss as Error).message).toMatch(/case "greeting".*AGENT_CICD_CASSETTE=record/);
  });
});

describe('mock server request path: synchronous scripted answers, waiting only when something waits', () => {
  const post = (s: MockServer, body: unknown) =>
    fetch(`${s.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body) });

  it('answers a rule with simulated latency after the clock waited, and logs each duration from the server clock', async () => {
    let now = 1_700_000_000_000;
    const slept: number[] = [];
    const s = await start({
      script: {
        rules: [
          { when: { user: 'slow' }, respond: { text: 'late answer', latencyMs: 250 } },
          { respond: 'quick answer' },
        ],
      },
      clock: {
        now: () => now,
        sleep: async (ms) => {
          slept.push(ms);
          now += ms;
        },
      },
    });
    const slow = await post(s, { messages: [{ role: 'user', content: 'slow please' }] });
    expect(
      ((await slow.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content,
    ).toBe('late answer');
    const quick = await post(s, { messages: [{ role: 'user', content: 'hi' }] });
    expect(((await quick.json()) as { created: number }).created).toBe(1_700_000_000);
    expect(slept).toEqual([250]);
    expect(s.requests.map((entry) => [entry.status, entry.durationMs])).toEqual([
      [200, 250],
      [200, 0],
    ]);
  });

  it('serves a client that answers with a promise (not the scripted mock) the same way', async () => {
    const s = await start({
      llm: {
        provider: 'custom',
        complete: async (request) => ({
          text: `echo ${request.messages.at(-1)?.content}`,
          toolCalls: [],
          usage: { inputTokens: 1, outputTokens: 2 },
          latencyMs: 0,
          model: 'custom-1',
          finishReason: 'stop',
        }),
      },
    });
    const body = (await (await post(s, { messages: [{ role: 'user', content: 'hi' }] })).json()) as {
      model: string;
      choices: Array<{ message: { content: string } }>;
      agent_cicd_mock?: unknown;
    };
    expect(body.model).toBe('custom-1');
    expect(body.choices[0]?.message.content).toBe('echo hi');
    expect(body).not.toHaveProperty('agent_cicd_mock');
    const failing = await startMockServer({
      port: 0,
      llm: { provider: 'custom', complete: () => Promise.reject(Object.assign(new Error('busy'), { status: 503 })) },
    });
    try {
      const busy = await post(failing, { messages: [{ role: 'user', content: 'hi' }] });
      expect(busy.status).toBe(503);
      expect(failing.requests[0]).toMatchObject({ status: 503, error: 'busy' });
    } finally {
      await failing.close();
    }
  });

  it('reads a body that arrives in several chunks', async () => {
    const s = await start();
    const text = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'chunked hello' }] });
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${s.url}/v1/chat/completions`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let out = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            out += chunk;
          });
          res.on('end', () => resolve(out));
        },
      );
      req.on('error', reject);
      req.write(text.slice(0, 20));
      setTimeout(() => {
        req.write(text.slice(20, 40));
        setTimeout(() => req.end(text.slice(40)), 10);
      }, 10);
    });
    expect(JSON.parse(answer).choices[0].message.content).toBe('Mock says: chunked hello');
  });
});
