import { LlmError } from '../errors.js';
import type { PriceTable } from './prices.js';
import type { ProviderLimiter } from './provider-limiter.js';
import { sharedLimiters } from './provider-limiter.js';
import { toLlmError } from './to-llm-error.js';
import { type RetryOptions, type Sleep, withRetry } from './with-retry.js';

/** Options every provider adapter takes. */
export interface AdapterOptions {
  /** Model used when a request names none. */
  model: string;
  /** Stream responses (aggregated into one `LlmResponse`, with `timeToFirstTokenMs`). A request's `stream` wins. @default false */
  stream?: boolean;
  /** Per-attempt timeout, from the moment the call gets a concurrency slot. @default 60000 */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable errors (the SDK's own retries are disabled). @default 3 */
  maxRetries?: number;
  /** Backoff tuning (`baseDelayMs`, `maxDelayMs`, `maxRetryAfterMs`, `jitter`, `onRetry`). */
  retry?: Omit<RetryOptions, 'retries' | 'signal' | 'sleep' | 'random'>;
  /** Concurrency limiter; default: the shared one for this provider and base URL. */
  limiter?: ProviderLimiter;
  /** Concurrency of the shared limiter when it is first created. @default 8 */
  concurrency?: number;
  /** Prices merged over `DEFAULT_PRICE_TABLE`. */
  prices?: PriceTable;
  /** Milliseconds, for latency, time to first token and HTTP-date `retry-after`. @default Date.now */
  clock?: () => number;
  /** @default an abortable setTimeout */
  sleep?: Sleep;
  /** Jitter source. @default Math.random */
  random?: () => number;
}

export type CallRunner = <T>(
  signal: AbortSignal | undefined,
  attempt: (signal: AbortSignal) => Promise<T>,
) => Promise<T>;

/**
 * Wraps one provider call in the shared policy: concurrency slot, per-attempt timeout combined with the caller's
 * signal, errors mapped to `LlmError`, retries with backoff. A caller's abort is rethrown as its reason, unretried.
 */
export function createCallRunner(provider: string, baseURL: string | undefined, options: AdapterOptions): CallRunner {
  const { timeoutMs = 60_000, maxRetries = 3, clock = Date.now } = options;
  const limiter = options.limiter ?? sharedLimiters.get(provider, baseURL, options.concurrency);
  return (signal, attempt) =>
    withRetry(
      () =>
        limiter(async () => {
          signal?.throwIfAborted();
          const timeout = new AbortController();
          const timer = setTimeout(() => timeout.abort(), timeoutMs);
          const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
          try {
            return await attempt(combined);
          } catch (error) {
            if (signal?.aborted) throw signal.reason;
            if (timeout.signal.aborted) {
              throw new LlmError(`${provider} timed out after ${timeoutMs} ms`, {
                kind: 'timeout',
                provider,
                retryable: true,
                cause: error,
              });
            }
            throw toLlmError(error, { provider, now: clock() });
          } finally {
            clearTimeout(timer);
          }
        }),
      {
        ...options.retry,
        retries: maxRetries,
        signal,
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.random ? { random: options.random } : {}),
      },
    );
}
