import { describe, expect, it } from 'vitest';
import { matchArguments } from './match-arguments.js';
import { parseTextPattern } from './match-text.js';

describe('matchArguments', () => {
  it('matches a subset by default, recursively', () => {
    expect(matchArguments({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } })).toBeUndefined();
    expect(matchArguments({ a: 1 }, { a: 2 })).toBe('arguments.a is 1, expected 2');
    expect(matchArguments({}, { a: 2 })).toBe('arguments.a is missing, expected 2');
  });

  it('rejects extra keys in exact mode', () => {
    expect(matchArguments({ a: 1, b: 2 }, { a: 1 }, 'exact')).toBe('arguments.b was not expected');
    expect(matchArguments([1, 2], [1], 'exact')).toBe('arguments has 2 items, expected 1');
  });

  it('treats /regex/ strings as patterns', () => {
    expect(matchArguments({ q: 'Refund policy' }, { q: '/refund/i' })).toBeUndefined();
    expect(matchArguments({ q: 'shipping' }, { q: '/refund/i' })).toBe('arguments.q is "shipping", expected /refund/i');
    expect(matchArguments({ q: 3 }, { q: '/3/' })).toMatch(/expected a string matching/);
  });
});

describe('parseTextPattern', () => {
  it('is case-insensitive for plain text unless asked', () => {
    expect(parseTextPattern('Refund').test('a REFUND was issued')).toBe(true);
    expect(parseTextPattern('Refund', { caseSensitive: true }).test('a REFUND')).toBe(false);
  });

  it('accepts /regex/flags and ignores g', () => {
    const pattern = parseTextPattern('/order #\\d+/g');
    expect(pattern.test('order #12')).toBe(true);
    expect(pattern.test('order #12')).toBe(true);
    expect(() => parseTextPattern('/(/')).toThrow(SyntaxError);
  });
});
