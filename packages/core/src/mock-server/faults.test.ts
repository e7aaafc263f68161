import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultInjector, type FaultRuleInput, loadFaults } from './faults.js';
import { type MockServer, type MockServerClock, startMockServer } from './start-mock-server.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noSleep: MockServerClock = { now: () => 0, sleep: async () => {} };
async function withFaults(
  faults: FaultRuleInput[],
  clock = noSleep,
): Promise<{ oa: OpenAI; an: Anthropic; s: MockServer }> {
  server = await startMockServer({ port: 0, faults, clock });
  return {
    s: server,
    oa: new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0 }),
    an: new Anthropic({ baseURL: server.url, apiKey: 'sk-ant-test', maxRetries: 0 }),
  };
}
const chat = (oa: OpenAI, content = 'hi') =>
  oa.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
const message = (an: Anthropic, content = 'hi') =>
  an.messages.create({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content }] });
const caught = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('fault injection seen through the official SDKs', () => {
  it('429 with retry-after → RateLimitError in both SDKs, with the real error body shapes', async () => {
    const { oa, an, s } = await withFaults([{ type: 'rate_limit', retryAfterMs: 2000 }]);
    const openaiError = await caught(chat(oa));
    expect(openaiError).toBeInstanceOf(OpenAI.RateLimitError);
    const oe = openaiError as InstanceType<typeof OpenAI.RateLimitError>;
    expect(oe.headers.get('retry-after')).toBe('2');
    expect(oe.headers.get('retry-after-ms')).toBe('2000');
    expect(oe.code).toBe('rate_limit_exceeded');
    const anthropicError = await caught(message(an));
    expect(anthropicError).toBeInstanceOf(Anthropic.RateLimitError);
    expect((anthropicError as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
      request_id: expect.stringMatching(/^req_/),
    });
    expect(s.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, 'rate_limit'],
      [429, 'rate_limit'],
    ]);
  });

  it('500 → InternalServerError; 529 → Anthropic OverloadedError', async () => {
    const { oa, an } = await withFaults([
      { type: 'server_error', when: { message: 'boom' } },
      { type: 'overloaded', when: { path: '/v1/messages' } },
    ]);
    expect(await caught(chat(oa, 'boom'))).toBeInstanceOf(OpenAI.InternalServerError);
    expect(await caught(message(an, 'boom'))).toBeInstanceOf(Anthropic.InternalServerError);
    const overloaded = await caught(message(an, 'fine'));
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    expect((overloaded as InstanceType<typeof Anthropic.OverloadedError>).error).toMatchObject({
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    // The OpenAI route is not matched by the 529 rule.
    await expect(chat(oa, 'fine')).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('a slow first byte makes a short client timeout fail, and waits through the injected clock', async () => {
    const waits: number[] = [];
    const realWait = {
      now: () => 0,
      sleep: (ms: number) => {
        waits.push(ms);
        return new Promise<void>((resolve) => setTimeout(resolve, 300));
      },
    };
    const { s } = await withFaults([{ type: 'slow_first_byte', delayMs: 5000 }], realWait);
    const patient = new Anthropic({ baseURL: s.url, apiKey: 'sk-ant-test', maxRetries: 0 });
    await expect(message(patient)).resolves.toMatchObject({ type: 'message' });
    expect(waits).toEqual([5000]);
    const impatient = new OpenAI({ baseURL: `${s.url}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 30 });
    expect(await caught(chat(impatient))).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it("a stream cut mid-way raises the SDKs' stream errors; a reset before any byte raises APIConnectionError", async () => {
    const { oa, an } = await withFaults([
      { type: 'stream_cut', when: { message: 'reset' }, afterEvents: 0 },
      { type: 'stream_cut', afterEvents: 2 },
    ]);
    const openaiStream = await oa.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'a fairly long answer please' }],
      stream: true,
    });
    const received: string[] = [];
    const openaiError = await caught(
      (async () => {
        for await (const chunk of openaiStream) received.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    // undici reports the closed socket as `TypeError: terminated`; the SDK passes it through.
    expect(openaiError).toMatchObject({ message: 'terminated' });
    expect(received).toHaveLength(2);
    const anthropicError = await caught(
      an.messages
        .stream({ model: 'c', max_tokens: 50, messages: [{ role: 'user', content: 'long answer' }] })
        .finalMessage(),
    );
    expect(anthropicError).toBeInstanceOf(Anthropic.AnthropicError);
    expect(anthropicError).toMatchObject({ message: 'terminated' });
    // A non-streaming body cut half-way.
    expect(await caught(chat(oa))).toMatchObject({ message: 'terminated' });
    // A reset before the status line.
    expect(await caught(chat(oa, 'reset'))).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(await caught(message(an, 'reset'))).toBeInstanceOf(Anthropic.APIConnectionError);
  });

  it('malformed JSON in a body or a stream event is an error, never an answer', async () => {
    const { oa, an } = await withFaults([{ type: 'malformed_json' }]);
    expect(await caught(chat(oa))).toBeInstanceOf(SyntaxError);
    expect(await caught(message(an))).toBeInstanceOf(SyntaxError);
    const stream = await oa.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x y z' }],
      stream: true,
    });
    expect(
      await caught(
        (async () => {
          for await (const _ of stream) {
            // drain
          }
        })(),
      ),
    ).toBeInstanceOf(Error);
    expect(
      await caught(
        an.messages.stream({ model: 'c', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }).finalMessage(),
      ),
    ).toBeInstanceOf(Error);
  });

  it('`times` fails a request once, so an SDK retry that honours retry-after-ms succeeds', async () => {
    const { s } = await withFaults([{ type: 'rate_limit', times: 1, retryAfterMs: 5 }]);
    const retrying = new OpenAI({ baseURL: `${s.url}/v1`, apiKey: 'sk-test', maxRetries: 1 });
    await expect(chat(retrying)).resolves.toMatchObject({ object: 'chat.completion' });
    expect(s.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('createFaultInjector', () => {
  const context = { path: '/v1/chat/completions', model: 'gpt', message: 'hi' };

  it('fires probabilistic faults from a seeded stream: same seed, same requests fail', () => {
    const run = (seed: number) => {
      const inject = createFaultInjector({ seed, faults: [{ type: 'server_error', probability: 0.3 }] });
      return Array.from({ length: 200 }, () => inject(context)?.type ?? 'ok');
    };
    const first = run(11);
    expect(run(11)).toEqual(first);
    expect(run(12)).not.toEqual(first);
    const rate = first.filter((outcome) => outcome !== 'ok').length / first.length;
    expect(rate).toBeGreaterThan(0.18);
    expect(rate).toBeLessThan(0.42);
  });

  it('matches path, model and message by substring or /regex/', () => {
    const inject = createFaultInjector([
      { type: 'overloaded', when: { path: '/v1/messages', model: '/^claude-/', message: 'retry' } },
    ]);
    expect(inject({ path: '/v1/messages', model: 'claude-3', message: 'please retry' })?.type).toBe('overloaded');
    expect(inject({ path: '/v1/messages', model: 'xclaude-3', message: 'please retry' })).toBeUndefined();
    expect(inject({ path: '/v1/chat/completions', model: 'claude-3', message: 'retry' })).toBeUndefined();
  });

  it('loads a faults file and reports mistakes with file:line:col', async () => {
    const good = fileURLToPath(new URL('../../../../fixtures/mock/faults.yaml', import.meta.url));
    const loaded = await loadFaults(good);
    expect(loaded.faults.map((fault) => fault.type)).toContain('overloaded');
    const bad = fileURLToPath(new URL('../../../../fixtures/mock/invalid-faults.yaml', import.meta.url));
    await expect(loadFaults(bad)).rejects.toMatchObject({
      code: 'AGENT_CICD_MOCK_FAULTS_INVALID',
      location: { file: bad, line: 3, column: 11, path: 'faults[0].type' },
    });
  });
});
