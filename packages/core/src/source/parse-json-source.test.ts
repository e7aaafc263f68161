import { describe, expect, it } from 'vitest';
import { formatUserError } from '../errors.js';
import { parseJsonSource } from './parse-json-source.js';

function syntaxError(text: string): string {
  try {
    parseJsonSource(text, 'f.json');
  } catch (error) {
    return formatUserError(error as never);
  }
  return 'no error';
}

describe('parseJsonSource', () => {
  it('parses what JSON.parse parses', () => {
    const text = '{"a": [1, -2.5e3, true, null, "x\\n\\u00e9"], "b": {}, "c": []}';
    expect(parseJsonSource(text, 'f.json').value).toEqual(JSON.parse(text));
  });

  it('locates values and keys', () => {
    const doc = parseJsonSource('{\n  "cases": [\n    {"id": "a"}\n  ]\n}', 'f.json');
    expect(doc.locate(['cases', 0, 'id'])).toEqual({ line: 3, column: 12 });
    expect(doc.locate(['cases', 0, 'id'], 'key')).toEqual({ line: 3, column: 6 });
    expect(doc.locate(['cases', 0, 'missing'])).toEqual({ line: 3, column: 5 });
  });

  it('rejects trailing commas, duplicate keys, unterminated strings and trailing data with a position', () => {
    expect(syntaxError('[1,\n 2,]')).toBe(
      'f.json:2:4: JSON syntax error: unexpected character "]", expected a JSON value',
    );
    expect(syntaxError('{"a": 1, "a": 2}')).toBe('f.json:1:10: JSON syntax error: duplicate key "a"');
    expect(syntaxError('["abc')).toBe('f.json:1:2: JSON syntax error: unterminated string');
    expect(syntaxError('{} x')).toBe('f.json:1:4: JSON syntax error: unexpected character "x" after the JSON value');
    expect(syntaxError('')).toBe('f.json:1:1: JSON syntax error: unexpected end of input, expected a JSON value');
  });

  it('keeps __proto__ as plain data', () => {
    const value = parseJsonSource('{"__proto__": {"x": 1}}', 'f.json').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
