import { describe, expect, it } from 'vitest';
import { oneLine } from './format-outcome.js';

describe('oneLine', () => {
  it('escapes every character a terminal or log viewer may take as a line break, so a value cannot forge a line', () => {
    const forged = 'gpt-4o\nrolled back: prod-2.0.0\r\u0085\u2028\u2029\u001b[2K\u007f';
    const escaped = oneLine(forged);
    expect(escaped).toBe('gpt-4o\\u000arolled back: prod-2.0.0\\u000d\\u0085\\u2028\\u2029\\u001b[2K\\u007f');
    expect(escaped.split(/[\n\r\u0085\u2028\u2029]/)).toHaveLength(1);
    expect(oneLine('plain text: ok')).toBe('plain text: ok');
  });
});
