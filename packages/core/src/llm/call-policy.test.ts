import { afterEach, describe, expect, it } from 'vitest';
import { LlmError } from '../errors.js';
import { type CannedResponse, type FixtureServer, startFixtureServer } from '../test-utils/fixture-server.js';
import { createOpenAiClient } from './openai-client.js';
import { createProviderLimiter } from './provider-limiter.js';
import type { LlmRequest } from './types.js';

const request: LlmRequest = { messages: [{ role: 'user', content: 'hi' }] };
const ok: CannedResponse = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    id: 'c',
    object: 'chat.completion',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'done' } }],
    usage: { prompt_tokens: 1, completion_tokens: 1 },
  }),
};
const rateLimited = (headers: Record<string, string>): CannedResponse => ({
  status: 429,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }),
});

let server: FixtureServer | undefined;
afterEach(() => server?.close());

/** A fake clock whose sleep advances time instantly, recording each wait. */
function fakeTime() {
  let now = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

function clientFor(url: string, time: ReturnType<typeof fakeTime>, maxRetries = 3) {
  return createOpenAiClient({
    apiKey: 'sk-test',
    baseURL: `${url}/v1`,
    model: 'gpt-4o-mini',
    maxRetries,
    limiter: createProviderLimiter(2),
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
  });
}

describe('retries through the OpenAI adapter', () => {
  it('waits exactly retry-after: 2 seconds after a 429, then succeeds', async () => {
    const answers = [rateLimited({ 'retry-after': '2' }), ok];
    server = await startFixtureServer(() => answers.shift());
    const time = fakeTime();
    const response = await clientFor(server.url, time).complete(request);
    expect(response.text).toBe('done');
    expect(time.sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('honours retry-after-ms over retry-after, and an HTTP-date retry-after', async () => {
    const time = fakeTime();
    const date = new Date(time.clock() + 7000).toUTCString();
    const answers = [
      rateLimited({ 'retry-after-ms': '250', 'retry-after': '9' }),
      rateLimited({ 'retry-after': date }),
      ok,
    ];
    server = await startFixtureServer(() => answers.shift());
    await clientFor(server.url, time).complete(request);
    // the date is 7 s after the first answer; 250 ms of it were already spent waiting
    expect(time.sleeps).toEqual([250, 6750]);
  });

  it('uses exponential backoff with full jitter when there is no retry-after', async () => {
    const answers = [500, 503, 529].map((status) => ({
      status,
      body: '{}',
      headers: { 'content-type': 'application/json' },
    }));
    server = await startFixtureServer(() => answers.shift() ?? ok);
    const time = fakeTime();
    await clientFor(server.url, time).complete(request);
    // random() = 0.5 of 500, 1000, 2000 ms
    expect(time.sleeps).toEqual([250, 500, 1000]);
  });

  it('throws the last error once the retry budget is spent', async () => {
    server = await startFixtureServer(() => rateLimited({ 'retry-after': '1' }));
    const time = fakeTime();
    const error = await clientFor(server.url, time, 2)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 1000, retryable: true });
    expect(server.requests).toHaveLength(3);
    expect(time.sleeps).toEqual([1000, 1000]);
  });

  it.each([
    [401, { error: { message: 'Incorrect API key', type: 'invalid_request_error', code: 'invalid_api_key' } }, 'auth'],
    [400, { error: { message: 'bad', type: 'invalid_request_error', code: null } }, 'invalid_request'],
    [429, { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } }, 'rate_limit'],
  ])('does not retry a %i %j', async (status, body, kind) => {
    server = await startFixtureServer(() => ({
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }));
    const time = fakeTime();
    const error = await clientFor(server.url, time)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind, retryable: false });
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it('honours x-should-retry: false on a 500', async () => {
    server = await startFixtureServer(() => ({ status: 500, headers: { 'x-should-retry': 'false' }, body: '{}' }));
    const error = await clientFor(server.url, fakeTime())
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server', retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('turns a per-call timeout into LlmError kind timeout', async () => {
    server = await startFixtureServer(() => new Promise<undefined>(() => {}));
    const llm = createOpenAiClient({ apiKey: 'k', baseURL: server.url, model: 'm', timeoutMs: 30, maxRetries: 0 });
    const error = await llm.complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, provider: 'openai' });
  });

  it('rethrows the caller abort reason without retrying', async () => {
    server = await startFixtureServer(() => new Promise<undefined>(() => {}));
    const controller = new AbortController();
    const llm = createOpenAiClient({ apiKey: 'k', baseURL: server.url, model: 'm', maxRetries: 3 });
    const pending = llm.complete({ ...request, signal: controller.signal }).catch((e: unknown) => e);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error('user cancelled'));
    expect(await pending).toMatchObject({ message: 'user cancelled' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('shared concurrency limit', () => {
  it('never runs more calls at once than the limiter allows', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const waiting: (() => void)[] = [];
    const slow = await startFixtureServer(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight--;
      return ok;
    });
    server = slow;
    const limiter = createProviderLimiter(3);
    // two clients, one limiter: the limit is per provider endpoint, not per client
    const first = createOpenAiClient({ apiKey: 'k', baseURL: slow.url, model: 'm', limiter });
    const second = createOpenAiClient({ apiKey: 'k', baseURL: slow.url, model: 'm', limiter });
    const calls = Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).complete(request));
    // release the slow server one request at a time
    let done = 0;
    while (done < 10) {
      await new Promise((r) => setTimeout(r, 5));
      const release = waiting.shift();
      if (release) {
        expect(limiter.activeCount).toBeLessThanOrEqual(3);
        release();
        done++;
      }
    }
    expect((await Promise.all(calls)).map((r) => r.text)).toEqual(Array(10).fill('done'));
    expect(maxInFlight).toBe(3);
  });
});
