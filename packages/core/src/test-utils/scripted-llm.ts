import type { LlmClient, LlmRequest, LlmResponse, ToolCall } from '../llm/types.js';

export type ScriptedReply =
  | (Partial<Omit<LlmResponse, 'toolCalls'>> & { toolCalls?: Array<Omit<ToolCall, 'id'> & { id?: string }> })
  | Error;

/**
 * A tiny LLM double for unit tests: answers each request with the next reply (or with `reply(request)`),
 * and records requests. Scenario tests use the real mock LLM (`createMockLlm`).
 */
export function createScriptedLlm(
  replies: ScriptedReply[] | ((request: LlmRequest, index: number) => ScriptedReply),
): LlmClient & { requests: LlmRequest[] } {
  const requests: LlmRequest[] = [];
  return {
    provider: 'scripted',
    requests,
    async complete(request) {
      const index = requests.length;
      requests.push(request);
      const reply = typeof replies === 'function' ? replies(request, index) : replies[index];
      if (reply === undefined) throw new Error(`scripted LLM has no reply #${index}`);
      if (reply instanceof Error) throw reply;
      const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({ ...call, id: call.id ?? `call_${index}_${i}` }));
      return {
        text: '',
        usage: { inputTokens: 10, outputTokens: 5 },
        latencyMs: 1,
        model: 'scripted',
        finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
        ...reply,
        toolCalls,
      };
    },
  };
}
