import type { LlmUsage } from './types.js';

/** USD per million tokens; the same shape as `ModelPriceSchema` in the config file (`llm.prices`). */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Model name (or name prefix, see {@link findPrice}) → price. */
export type PriceTable = Record<string, ModelPrice>;

const price = (inputPerMillion: number, outputPerMillion: number): ModelPrice => ({
  inputPerMillion,
  outputPerMillion,
});

/**
 * List prices (standard tier, no batch or cache discounts) of common models, USD per million tokens, as
 * published by OpenAI and Anthropic (checked November 2026). Prices change: override them with the `prices` option.
 */
export const DEFAULT_PRICE_TABLE: Readonly<PriceTable> = Object.freeze({
  'gpt-5': price(1.25, 10),
  'gpt-5-mini': price(0.25, 2),
  'gpt-5-nano': price(0.05, 0.4),
  'gpt-4.1': price(2, 8),
  'gpt-4.1-mini': price(0.4, 1.6),
  'gpt-4.1-nano': price(0.1, 0.4),
  'gpt-4o': price(2.5, 10),
  'gpt-4o-mini': price(0.15, 0.6),
  'gpt-4-turbo': price(10, 30),
  'gpt-4': price(30, 60),
  'gpt-3.5-turbo': price(0.5, 1.5),
  o1: price(15, 60),
  'o1-mini': price(1.1, 4.4),
  o3: price(2, 8),
  'o3-mini': price(1.1, 4.4),
  'o4-mini': price(1.1, 4.4),
  'claude-opus-5-5': price(4, 20),
  'claude-opus-5': price(5, 25),
  'claude-sonnet-5-5': price(2, 10),
  'claude-sonnet-5': price(2, 10),
  'claude-opus-4-7': price(5, 25),
  'claude-opus-4-6': price(5, 25),
  'claude-sonnet-4-6': price(3, 15),
  'claude-opus-4-5': price(5, 25),
  'claude-opus-4-1': price(15, 75),
  'claude-opus-4': price(15, 75),
  'claude-sonnet-4-5': price(3, 15),
  'claude-sonnet-4': price(3, 15),
  'claude-3-7-sonnet': price(3, 15),
  'claude-3-5-sonnet': price(3, 15),
  'claude-haiku-4-5': price(1, 5),
  'claude-3-5-haiku': price(0.8, 4),
  'claude-3-opus': price(15, 75),
  'claude-3-haiku': price(0.25, 1.25),
  // Embeddings (input tokens only), for the `similar` check.
  'text-embedding-3-small': price(0.02, 0),
  'text-embedding-3-large': price(0.13, 0),
});

/**
 * The price of `model`: an exact entry, else the longest entry that is a prefix followed by `-` (so the dated
 * `gpt-4o-mini-2024-07-18` uses `gpt-4o-mini`, and `gpt-4o` never falls back to `gpt-4`).
 */
export function findPrice(model: string, table: PriceTable = DEFAULT_PRICE_TABLE): ModelPrice | undefined {
  const exact = table[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (model.startsWith(`${key}-`) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : table[best];
}

/** Cost in USD of `usage` on `model`, or undefined when the table has no price for it. */
export function priceFor(model: string, usage: LlmUsage, table: PriceTable = DEFAULT_PRICE_TABLE): number | undefined {
  const found = findPrice(model, table);
  if (!found) return undefined;
  return (usage.inputTokens * found.inputPerMillion + usage.outputTokens * found.outputPerMillion) / 1_000_000;
}

/** The default table with `overrides` on top. */
export function resolvePriceTable(overrides?: PriceTable): PriceTable {
  return overrides ? { ...DEFAULT_PRICE_TABLE, ...overrides } : DEFAULT_PRICE_TABLE;
}
