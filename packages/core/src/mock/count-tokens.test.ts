import { describe, expect, it } from 'vitest';
import { countTokens, estimateTokens } from './count-tokens.js';

describe('countTokens', () => {
  it('counts with a real BPE tokenizer, not a character guess', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    // A long word made of rare pieces has far more tokens than words, far fewer than characters.
    const text = 'Antidisestablishmentarianism';
    expect(countTokens(text)).toBeGreaterThan(1);
    expect(countTokens(text)).toBeLessThan(text.length);
  });

  it('supports o200k_base (default) and cl100k_base, which differ on some texts', () => {
    const text = 'こんにちは、世界。今日はいい天気ですね。';
    expect(countTokens(text, 'o200k_base')).toBe(countTokens(text));
    expect(countTokens(text, 'cl100k_base')).not.toBe(countTokens(text, 'o200k_base'));
    // The memo must not mix encodings up.
    expect(countTokens(text, 'cl100k_base')).toBe(countTokens(text, 'cl100k_base'));
  });
});

describe('estimateTokens (without gpt-tokenizer installed)', () => {
  it('stays within 20% of o200k_base on English prose and JSON tool results, deterministically', () => {
    const texts = [
      'Your order has shipped. Details: {"orderId":"A1001","status":"shipped","carrier":"DHL","eta":"2026-12-02"}',
      'I can help with orders and refunds. What do you need?',
      'You are the support agent of an online shop. Use lookup_order for order questions and search_kb for policy questions.',
    ];
    for (const text of texts) {
      const ratio = estimateTokens(text) / countTokens(text);
      expect(ratio, text).toBeGreaterThan(0.8);
      expect(ratio, text).toBeLessThan(1.2);
      expect(estimateTokens(text)).toBe(estimateTokens(text));
    }
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('こんにちは')).toBeGreaterThanOrEqual(countTokens('こんにちは'));
  });
});
