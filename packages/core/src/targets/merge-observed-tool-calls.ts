import type { AgentResult } from '../agent/agent-result.js';

/**
 * The tool calls of a trial: those the model asked for (seen by the model proxy, with their arguments), then
 * any the agent reported that the model did not ask for. An agent need not report its tool calls for
 * `expectedTools`, `forbiddenTools` and `toolArguments` to work.
 */
export function mergeObservedToolCalls(
  result: AgentResult,
  observed: Array<{ name: string; arguments: Record<string, unknown> }>,
): AgentResult {
  if (observed.length === 0) return result;
  const asked = new Set(observed.map((call) => call.name));
  return {
    ...result,
    toolCalls: [
      ...observed.map((call) => ({ name: call.name, arguments: call.arguments })),
      ...result.toolCalls.filter((call) => !asked.has(call.name)),
    ],
  };
}
