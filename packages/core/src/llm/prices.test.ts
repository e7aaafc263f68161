import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_TABLE, findPrice, priceFor, resolvePriceTable } from './prices.js';

describe('priceFor', () => {
  it('prices dated model names by their longest documented prefix', () => {
    expect(findPrice('gpt-4o-mini-2024-07-18')).toBe(DEFAULT_PRICE_TABLE['gpt-4o-mini']);
    expect(findPrice('gpt-4-0613')).toBe(DEFAULT_PRICE_TABLE['gpt-4']);
    expect(findPrice('claude-haiku-4-5-20251001')).toBe(DEFAULT_PRICE_TABLE['claude-haiku-4-5']);
    // `gpt-4o` must not fall back to `gpt-4`, nor an unknown model to anything
    expect(findPrice('gpt-4o-audio-preview')).toBe(DEFAULT_PRICE_TABLE['gpt-4o']);
    expect(findPrice('gpt-4omni')).toBeUndefined();
    expect(findPrice('llama3.1:8b')).toBeUndefined();
  });

  it('computes USD from per-million prices', () => {
    expect(priceFor('gpt-4o', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(2.5 + 5, 10);
    expect(priceFor('unknown-model', { inputTokens: 10, outputTokens: 10 })).toBeUndefined();
  });

  it('lets a table override or add models', () => {
    const table = resolvePriceTable({
      'llama3.1': { inputPerMillion: 0, outputPerMillion: 0 },
      'gpt-4o': { inputPerMillion: 1, outputPerMillion: 1 },
    });
    expect(priceFor('llama3.1', { inputTokens: 5, outputTokens: 5 }, table)).toBe(0);
    expect(priceFor('gpt-4o-2024-08-06', { inputTokens: 1_000_000, outputTokens: 0 }, table)).toBe(1);
    expect(priceFor('gpt-4.1', { inputTokens: 1_000_000, outputTokens: 0 }, table)).toBe(2);
  });
});
