import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../llm/provider-limiter.js';
import { providerConcurrency } from './provider-concurrency.js';

describe('providerConcurrency', () => {
  it("is the config's llm.concurrency, else the provider limiter's default", () => {
    expect(providerConcurrency({ llm: { concurrency: 50 } })).toBe(50);
    expect(providerConcurrency({})).toBe(DEFAULT_CONCURRENCY);
    expect(DEFAULT_CONCURRENCY).toBe(8);
  });
});
