import { setTimeout as delay } from 'node:timers/promises';
import { LlmError } from '../errors.js';

/** Waits `ms` milliseconds; rejects with the signal's reason when aborted. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const defaultSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  retries?: number;
  /** Backoff before retry n (0-based) is up to `baseDelayMs * 2^n`. @default 500 */
  baseDelayMs?: number;
  /** Cap of the computed backoff. @default 30000 */
  maxDelayMs?: number;
  /** A server's `retry-after` is honoured exactly when it is at most this long; longer ones fall back to backoff. @default 60000 */
  maxRetryAfterMs?: number;
  /** `true`: full jitter (a uniform delay in [0, backoff)); `false`: the plain exponential backoff. @default true */
  jitter?: boolean;
  /** @default an abortable `setTimeout` */
  sleep?: Sleep;
  /** @default Math.random */
  random?: () => number;
  /** Stops waiting and rethrows the abort reason. */
  signal?: AbortSignal;
  /** Which errors to retry. @default retryable `LlmError`s */
  shouldRetry?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log. */
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void;
}

const isRetryable = (error: unknown): boolean => error instanceof LlmError && error.retryable;

/** The delay before retry `attempt` (0-based): the server's `retry-after` when usable, else exponential backoff. */
export function retryDelay(error: unknown, attempt: number, options: RetryOptions = {}): number {
  const {
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    maxRetryAfterMs = 60_000,
    jitter = true,
    random = Math.random,
  } = options;
  const retryAfter = error instanceof LlmError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined && retryAfter <= maxRetryAfterMs) return retryAfter;
  const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return jitter ? Math.floor(random() * backoff) : backoff;
}

/**
 * Runs `fn` until it succeeds, retrying retryable errors with exponential backoff and full jitter, and honouring
 * `retry-after`. When the budget is spent, the last error is thrown.
 *
 * @example
 * const response = await withRetry(() => client.complete(request), { retries: 5 });
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = 3, sleep = defaultSleep, signal, shouldRetry = isRetryable, onRetry } = options;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      signal?.throwIfAborted();
      if (attempt >= retries || !shouldRetry(error)) throw error;
      const delayMs = retryDelay(error, attempt, options);
      onRetry?.({ error, attempt, delayMs });
      await sleep(delayMs, signal);
    }
  }
}
