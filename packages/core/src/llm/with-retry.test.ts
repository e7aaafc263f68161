import { describe, expect, it } from 'vitest';
import { LlmError } from '../errors.js';
import { retryDelay, withRetry } from './with-retry.js';

const transient = (retryAfterMs?: number) =>
  new LlmError('overloaded', { kind: 'overloaded', provider: 'p', retryable: true, retryAfterMs });

describe('withRetry', () => {
  it('retries retryable errors with capped exponential backoff and full jitter', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 5) throw transient();
        return 'ok';
      },
      { retries: 4, baseDelayMs: 100, maxDelayMs: 500, random: () => 0.999, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(result).toBe('ok');
    expect(sleeps).toEqual([99, 199, 399, 499]);
  });

  it('uses the plain backoff without jitter, and retry-after when the server sends one', () => {
    expect(retryDelay(transient(), 3, { baseDelayMs: 100, jitter: false })).toBe(800);
    expect(retryDelay(transient(2000), 3, { baseDelayMs: 100 })).toBe(2000);
    // a retry-after beyond maxRetryAfterMs falls back to backoff
    expect(retryDelay(transient(120_000), 0, { baseDelayMs: 100, jitter: false })).toBe(100);
  });

  it('gives up after the budget and rethrows the last error', async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw transient();
      },
      { retries: 2, sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(calls).toBe(3);
  });

  it('does not retry non-retryable errors or plain errors', async () => {
    for (const thrown of [new LlmError('bad', { kind: 'auth', provider: 'p', retryable: false }), new Error('bug')]) {
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls++;
            throw thrown;
          },
          { sleep: async () => {} },
        ),
      ).rejects.toBe(thrown);
      expect(calls).toBe(1);
    }
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = withRetry(
      async () => {
        throw transient(50_000);
      },
      { signal: controller.signal },
    );
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
