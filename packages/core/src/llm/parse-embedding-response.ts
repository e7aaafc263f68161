import { LlmError } from '../errors.js';
import { type PriceTable, priceFor } from './prices.js';
import type { EmbeddingResponse } from './types.js';

/**
 * Checks an OpenAI-compatible `/v1/embeddings` body strictly: one finite, non-empty vector per input, all of one
 * length, each index once. Anything else is an `invalid_response` error — a similarity is never computed from a
 * partial or malformed answer.
 */
export function parseEmbeddingResponse(
  raw: unknown,
  context: { provider: string; model: string; count: number; latencyMs: number; prices: PriceTable },
): EmbeddingResponse {
  const invalid = (why: string): LlmError =>
    new LlmError(`invalid embeddings response: ${why}`, {
      kind: 'invalid_response',
      provider: context.provider,
      retryable: false,
    });
  const body = raw as { data?: unknown; model?: unknown; usage?: { prompt_tokens?: unknown } } | null;
  if (!body || !Array.isArray(body.data)) throw invalid('no "data" list');
  if (body.data.length !== context.count) throw invalid(`${body.data.length} vectors for ${context.count} inputs`);
  const vectors: number[][] = new Array(context.count);
  let dimensions: number | undefined;
  for (const item of body.data as Array<{ index?: unknown; embedding?: unknown }>) {
    const index = typeof item?.index === 'number' ? item.index : -1;
    if (!Number.isInteger(index) || index < 0 || index >= context.count || vectors[index])
      throw invalid(`bad or repeated index ${JSON.stringify(item?.index)}`);
    const vector = item.embedding;
    if (
      !Array.isArray(vector) ||
      vector.length === 0 ||
      !vector.every((x) => typeof x === 'number' && Number.isFinite(x))
    )
      throw invalid(`vector ${index} is not a non-empty list of numbers`);
    dimensions ??= vector.length;
    if (dimensions !== vector.length) throw invalid('vectors of different lengths');
    vectors[index] = vector as number[];
  }
  const model = typeof body.model === 'string' ? body.model : context.model;
  const inputTokens = typeof body.usage?.prompt_tokens === 'number' ? body.usage.prompt_tokens : 0;
  const costUsd =
    priceFor(model, { inputTokens, outputTokens: 0 }, context.prices) ??
    priceFor(context.model, { inputTokens, outputTokens: 0 }, context.prices);
  return {
    vectors,
    model,
    usage: { inputTokens },
    latencyMs: context.latencyMs,
    ...(costUsd === undefined ? {} : { costUsd }),
  };
}
