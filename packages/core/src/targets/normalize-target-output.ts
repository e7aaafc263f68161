import { type AgentResult, AgentResultSchema } from '../agent/agent-result.js';
import { AgentCicdError } from '../errors.js';
import type { TargetOutput } from './target.js';

/**
 * Turns whatever a target returned into an `AgentResult`: text, the seed's `{response, tools_called,
 * token_count}` (its `token_count` counts as output tokens), or a full result.
 */
export function normalizeTargetOutput(output: TargetOutput): AgentResult {
  if (typeof output === 'string') return AgentResultSchema.parse({ response: output });
  if (output === null || typeof output !== 'object' || typeof output.response !== 'string') {
    throw new AgentCicdError(
      'AGENT_CICD_TARGET_INVALID',
      `the target returned ${output === null ? 'null' : typeof output}; expected text or an object with a string "response"`,
    );
  }
  if ('tools_called' in output || 'token_count' in output) {
    const seed = output as { response: string; tools_called?: string[]; token_count?: number };
    return AgentResultSchema.parse({
      response: seed.response,
      toolCalls: (seed.tools_called ?? []).map((name) => ({ name, arguments: {} })),
      tokens: { input: 0, output: seed.token_count ?? 0 },
    });
  }
  const parsed = AgentResultSchema.safeParse(output);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AgentCicdError(
      'AGENT_CICD_TARGET_INVALID',
      `the target returned an invalid result: ${issue?.path.join('.') || 'result'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}
