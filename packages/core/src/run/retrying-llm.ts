import { AgentCicdError, LlmError } from '../errors.js';
import type { LlmClient } from '../llm/types.js';
import { type RetryOptions, withRetry } from '../llm/with-retry.js';

const isRetryable = (error: unknown): boolean =>
  error instanceof Error && (error as { retryable?: unknown }).retryable === true;

/**
 * Retries a client's retryable failures (rate limits, 5xx, timeouts; provider adapters and the mock LLM alike)
 * with backoff. When it gives up, the error says how many attempts were made.
 */
export function retryingLlm(inner: LlmClient, options: Omit<RetryOptions, 'signal'> = {}): LlmClient {
  const retries = options.retries ?? 3;
  const embed = inner.embed?.bind(inner);
  return {
    provider: inner.provider,
    ...(embed
      ? {
          embed: (request) =>
            withRetry(() => embed(request), {
              shouldRetry: isRetryable,
              ...options,
              retries,
              ...(request.signal ? { signal: request.signal } : {}),
            }),
        }
      : {}),
    async complete(request) {
      let attempts = 0;
      try {
        return await withRetry(
          () => {
            attempts++;
            return inner.complete(request);
          },
          { shouldRetry: isRetryable, ...options, retries, ...(request.signal ? { signal: request.signal } : {}) },
        );
      } catch (error) {
        if (attempts <= 1 || request.signal?.aborted || !(error instanceof AgentCicdError)) throw error;
        const e = error as AgentCicdError & { kind?: string; status?: number; retryable?: boolean };
        throw new LlmError(`${e.message} (gave up after ${attempts} attempts)`, {
          kind: (e.kind ?? 'server') as LlmError['kind'],
          provider: inner.provider,
          retryable: false,
          ...(e.status === undefined ? {} : { status: e.status }),
          cause: error,
        });
      }
    },
  };
}
