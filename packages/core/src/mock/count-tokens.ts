import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

/** Tokenizer encodings available for mock token counts. */
export type TokenEncoding = 'o200k_base' | 'cl100k_base';

const counters: Record<TokenEncoding, (text: string) => number> = {
  o200k_base: countO200k,
  cl100k_base: countCl100k,
};

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
  if (text.length > MEMO_MAX_TEXT) return counters[encoding](text);
  const key = encoding === 'o200k_base' ? text : `\u0000cl100k\u0000${text}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const count = counters[encoding](text);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, count);
  return count;
}
