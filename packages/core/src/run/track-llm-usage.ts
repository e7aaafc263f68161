import type { FinishReason, LlmClient, LlmResponse } from '../llm/types.js';

export interface LlmUsageTotals {
  calls: number;
  input: number;
  output: number;
  costUsd: number;
  /** Whether any response had a price (else cost is unknown, not 0). */
  priced: boolean;
  /** Finish reasons of every answer, in order. */
  finishReasons: FinishReason[];
  /** Tool calls whose arguments were not a JSON object (`rawArguments`), by tool name. */
  malformedToolCalls: Array<{ name: string; rawArguments: string }>;
  /** The last answer (text, tool calls, finish reason), when any call succeeded. */
  last?: Pick<LlmResponse, 'text' | 'toolCalls' | 'finishReason'>;
}

/** Wraps a client so the usage of the calls made through it is summed (one wrapper per trial). */
export function trackLlmUsage(inner: LlmClient): { llm: LlmClient; usage: LlmUsageTotals } {
  const usage: LlmUsageTotals = {
    calls: 0,
    input: 0,
    output: 0,
    costUsd: 0,
    priced: false,
    finishReasons: [],
    malformedToolCalls: [],
  };
  const embed = inner.embed?.bind(inner);
  return {
    usage,
    llm: {
      provider: inner.provider,
      ...(embed
        ? {
            embed: async (request) => {
              usage.calls++;
              const response = await embed(request);
              usage.input += response.usage.inputTokens;
              if (response.costUsd !== undefined) {
                usage.costUsd += response.costUsd;
                usage.priced = true;
              }
              return response;
            },
          }
        : {}),
      async complete(request) {
        usage.calls++;
        const response = await inner.complete(request);
        usage.finishReasons.push(response.finishReason);
        for (const call of response.toolCalls) {
          if (call.rawArguments !== undefined) {
            usage.malformedToolCalls.push({ name: call.name, rawArguments: call.rawArguments });
          }
        }
        usage.last = { text: response.text, toolCalls: response.toolCalls, finishReason: response.finishReason };
        usage.input += response.usage.inputTokens;
        usage.output += response.usage.outputTokens;
        if (response.costUsd !== undefined) {
          usage.costUsd += response.costUsd;
          usage.priced = true;
        }
        return response;
      },
    },
  };
}
