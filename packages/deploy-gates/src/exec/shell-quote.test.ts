import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell-quote.js';

describe('shellQuote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    expect(shellQuote(['kubectl', '-n', 'web', 'patch', 'service', 'agent', '--type=merge', '-p', '{"a":1}'])).toBe(
      `kubectl -n web patch service agent --type=merge -p '{"a":1}'`,
    );
    expect(shellQuote(['echo', "it's", ''])).toBe(`echo 'it'"'"'s' ''`);
  });
});
