import { type PriceTable, priceFor } from './prices.js';
import type { FinishReason, LlmResponse, LlmUsage, ToolCall } from './types.js';

/** What an adapter read from the provider's answer, before timing and cost are added. */
export interface ParsedResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: LlmUsage;
  model: string;
  finishReason: FinishReason;
}

/**
 * The final `LlmResponse`: timing, and `costUsd` from the price of the model the provider reports (dated names
 * included) or else of the model that was asked for; no cost when neither has a price.
 */
export function buildResponse(
  parsed: ParsedResponse,
  context: { requestedModel: string; raw: unknown; latencyMs: number; timeToFirstTokenMs?: number; prices: PriceTable },
): LlmResponse {
  const model = parsed.model || context.requestedModel;
  const response: LlmResponse = { ...parsed, model, latencyMs: context.latencyMs, raw: context.raw };
  if (context.timeToFirstTokenMs !== undefined) response.timeToFirstTokenMs = context.timeToFirstTokenMs;
  const costUsd =
    priceFor(model, parsed.usage, context.prices) ?? priceFor(context.requestedModel, parsed.usage, context.prices);
  if (costUsd !== undefined) response.costUsd = costUsd;
  return response;
}
