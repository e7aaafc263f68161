import { createRequire } from 'node:module';

/** Tokenizer encodings available for mock token counts. */
export type TokenEncoding = 'o200k_base' | 'cl100k_base';

// The BPE tables take about a second to load, so each is required on first use (synchronously, through the
// package's CommonJS build) instead of slowing down every import of @agent-cicd/core. `gpt-tokenizer` is an
// optional peer dependency (55 MB installed): without it, counts are an estimate (`estimateTokens`).
const requireCjs = createRequire(import.meta.url);
const counters: Partial<Record<TokenEncoding, (text: string) => number>> = {};
function counter(encoding: TokenEncoding): (text: string) => number {
  let count = counters[encoding];
  if (!count) {
    try {
      const module = requireCjs(`gpt-tokenizer/cjs/encoding/${encoding}`) as { countTokens: (text: string) => number };
      count = module.countTokens;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      count = estimateTokens;
    }
    counters[encoding] = count;
  }
  return count;
}

// Pieces as BPE tokenizers pre-split text: contractions, words with one leading non-letter, 1–3 digits,
// punctuation runs, whitespace.
const PIECES =
  /'(?:[sStTdDmM]|[rR][eE]|[vV][eE]|[lL][lL])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s+/gu;

/**
 * The token count without a tokenizer installed: one token per pre-split piece, plus one per further 6 characters
 * of a long word, and one per character outside Latin script (CJK characters are mostly one token or more).
 * Deterministic; within about 20% of o200k_base on English prose.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    const nonLatin = piece.replace(/[\p{Script=Latin}\p{N}\p{P}\p{S}\s]/gu, '').length;
    tokens += nonLatin > 0 ? nonLatin : 1 + Math.floor(Math.max(0, piece.trim().length - 1) / 6);
  }
  return tokens;
}

// Mock scripts answer the same few texts over and over; a bounded memo keeps tokenizing off the hot path.
const memo = new Map<string, number>();
const MEMO_LIMIT = 4096;
const MEMO_MAX_TEXT = 16_384;

/**
 * Counts tokens with a real BPE tokenizer (`gpt-tokenizer`, when installed): `o200k_base` (GPT-4o family, the
 * default) or `cl100k_base` (GPT-4 / GPT-3.5); else `estimateTokens`. Used for the usage of mock answers.
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
