import { describe, expect, it } from 'vitest';
import { countTokens } from './count-tokens.js';

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
