import { describe, expect, it } from 'vitest';
import { createLimiterRegistry } from './provider-limiter.js';

describe('createLimiterRegistry', () => {
  it('shares one limiter per provider and base URL', () => {
    const registry = createLimiterRegistry();
    const openai = registry.get('openai', 'http://127.0.0.1:1/v1/', 2);
    expect(registry.get('openai', 'http://127.0.0.1:1/v1')).toBe(openai);
    expect(openai.concurrency).toBe(2);
    expect(registry.get('openai', 'http://127.0.0.1:2/v1')).not.toBe(openai);
    expect(registry.get('anthropic', 'http://127.0.0.1:1/v1')).not.toBe(openai);
  });
});
