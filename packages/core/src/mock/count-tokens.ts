import { createRequire } from 'node:module';

/** Tokenizer encodings available for mock token counts. */
export type TokenEncoding = 'o200k_base' | 'cl100k_base';

// The BPE tables take about a second to load, so each is required on first use (synchronously, through the
// package's CommonJS build) instead of slowing down every import of @agent-cicd/core.
const requireCjs = createRequire(import.meta.url);
const counters: Partial<Record<TokenEncoding, (text: string) => number>> = {};
function counter(encoding: TokenEncoding): (text: string) => number {
  let count = counters[encoding];
  if (!count) {
    const module = requireCjs(`gpt-tokenizer/cjs/encoding/${encoding}`) as { countTokens: (text: string) => number };
    count = module.countTokens;
    counters[encoding] = count;
  }
  return count;
}

// Mock scripts answer the same few texts over and over; a bounded memo keeps tokenizing off the hot path.
const memo = new Map<string, number>();
const MEMO_LIMIT = 4096;
const MEMO_MAX_TEXT = 16_384;

/**
 * Counts tokens with a real BPE tokenizer (`gpt-tokenizer`): `o200k_base` (GPT-4o family, the default) or
 * `cl100k_base` (GPT-4 / GPT-3.5). Used for the usage of mock answers.
 * @example countTokens('Hello, world!') // 4
 */
export function countTokens(text: string, encoding: TokenEncoding = 'o200k_base'): number {
  if (text.length === 0) return 0;
  if (text.length > MEMO_MAX_TEXT) return counter(encoding)(text);
  const key = encoding === 'o200k_base' ? text : `\u0000cl100k\u0000${text}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const count = counter(encoding)(text);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, count);
  return count;
}
