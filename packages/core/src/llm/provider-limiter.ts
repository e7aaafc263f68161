import pLimit, { type LimitFunction } from 'p-limit';

/** Runs at most `concurrency` calls at once; the rest wait in order. A `p-limit` limit function. */
export type ProviderLimiter = LimitFunction;

/** Default number of concurrent calls per provider endpoint. */
export const DEFAULT_CONCURRENCY = 8;

/** A concurrency limiter (`p-limit`) to share between clients that call one provider. */
export function createProviderLimiter(concurrency: number = DEFAULT_CONCURRENCY): ProviderLimiter {
  return pLimit(concurrency);
}

export interface LimiterRegistry {
  /** The limiter of `provider` at `baseURL`, created with `concurrency` the first time it is asked for. */
  get(provider: string, baseURL?: string, concurrency?: number): ProviderLimiter;
}

/** Limiters keyed by provider + base URL, so every client of one endpoint shares one limit. */
export function createLimiterRegistry(): LimiterRegistry {
  const limiters = new Map<string, ProviderLimiter>();
  return {
    get(provider, baseURL = '', concurrency = DEFAULT_CONCURRENCY) {
      const key = `${provider} ${baseURL.replace(/\/+$/, '')}`;
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = createProviderLimiter(concurrency);
        limiters.set(key, limiter);
      }
      return limiter;
    },
  };
}

/** The process-wide registry adapters use when no `limiter` is given. */
export const sharedLimiters: LimiterRegistry = createLimiterRegistry();
