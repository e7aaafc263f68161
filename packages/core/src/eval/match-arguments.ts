import { isRegexLiteral, parseTextPattern } from './match-text.js';

/** How expected tool arguments are compared with the actual ones. */
export type ArgumentMatchMode = 'exact' | 'subset';

/**
 * Compares tool-call arguments with expected ones and returns the first mismatch as a sentence, or
 * `undefined` when they match. `subset` (default) ignores extra actual keys, recursively; `exact` does not.
 * An expected string written `/regex/` matches any string the regex accepts, in both modes.
 */
export function matchArguments(
  actual: unknown,
  expected: unknown,
  mode: ArgumentMatchMode = 'subset',
  path = 'arguments',
): string | undefined {
  if (typeof expected === 'string' && isRegexLiteral(expected)) {
    if (typeof actual !== 'string') return `${path} is ${describe(actual)}, expected a string matching ${expected}`;
    return parseTextPattern(expected).test(actual) ? undefined : `${path} is ${describe(actual)}, expected ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} is ${describe(actual)}, expected an array`;
    if (mode === 'exact' && actual.length !== expected.length) {
      return `${path} has ${actual.length} items, expected ${expected.length}`;
    }
    if (actual.length < expected.length) return `${path} has ${actual.length} items, expected ${expected.length}`;
    for (const [index, item] of expected.entries()) {
      const mismatch = matchArguments(actual[index], item, mode, `${path}[${index}]`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path} is ${describe(actual)}, expected an object`;
    }
    const actualRecord = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actualRecord)) return `${path}.${key} is missing, expected ${describe(value)}`;
      const mismatch = matchArguments(actualRecord[key], value, mode, `${path}.${key}`);
      if (mismatch) return mismatch;
    }
    if (mode === 'exact') {
      const extra = Object.keys(actualRecord).find((key) => !(key in (expected as Record<string, unknown>)));
      if (extra !== undefined) return `${path}.${extra} was not expected`;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path} is ${describe(actual)}, expected ${describe(expected)}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
