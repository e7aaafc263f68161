import { describe, expect, it } from 'vitest';
import { oneLine } from './one-line.js';

describe('oneLine', () => {
  it('escapes line breaks, control characters, ESC and Unicode separators', () => {
    expect(oneLine('gpt-4o\nLANDED release r9 (fake)')).toBe('gpt-4o\\nLANDED release r9 (fake)');
    expect(oneLine('a\r\tb\u001b[31mred\u0085\u2028\u2029')).toBe('a\\r\\tb\\u001b[31mred\\u0085\\u2028\\u2029');
  });

  it('leaves ordinary text, including non-ASCII, alone', () => {
    expect(oneLine('café ✓ 😀 sha256:abc')).toBe('café ✓ 😀 sha256:abc');
  });
});
