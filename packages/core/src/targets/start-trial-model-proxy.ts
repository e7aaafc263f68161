import type { LlmClient, ToolCall } from '../llm/types.js';
import { startMockServer } from '../mock-server/start-mock-server.js';

/** The dummy key an agent gets instead of a real one: the proxy holds the tier's credentials, the agent none. */
export const PROXY_API_KEY = 'agent-cicd-proxy-no-key';

export interface TrialModelProxy {
  /** `OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL` and dummy keys, pointing at this trial's server. */
  env: Record<string, string>;
  /** The tool calls the model asked for through this proxy, in order. */
  toolCalls: Array<Pick<ToolCall, 'name' | 'arguments'>>;
  /** Model calls answered. */
  calls: number;
  close(): Promise<void>;
}

/**
 * One trial's model endpoint for an agent in another process: an in-process server on 127.0.0.1 (ephemeral
 * port) speaking OpenAI Chat Completions and Anthropic Messages, answering every request with `llm` — the
 * tier's model (mock, cassette replay or a real provider, counted for the trial) — labelled with the trial's
 * `metadata` (case id, trial, prompt version), so mock rules and cassettes key on the case. Every tool call the
 * model asks for is recorded: that is how `expectedTools` works for an agent that reports none.
 */
export async function startTrialModelProxy(llm: LlmClient, metadata: Record<string, string>): Promise<TrialModelProxy> {
  const toolCalls: TrialModelProxy['toolCalls'] = [];
  let calls = 0;
  const labelled: LlmClient = {
    provider: llm.provider,
    async complete(request) {
      const response = await llm.complete({ ...request, metadata: { ...request.metadata, ...metadata } });
      calls++;
      for (const call of response.toolCalls) toolCalls.push({ name: call.name, arguments: call.arguments });
      return response;
    },
  };
  const server = await startMockServer({ host: '127.0.0.1', port: 0, llm: labelled, logLimit: 1000 });
  return {
    env: {
      OPENAI_BASE_URL: `${server.url}/v1`,
      OPENAI_API_KEY: PROXY_API_KEY,
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: PROXY_API_KEY,
    },
    toolCalls,
    get calls() {
      return calls;
    },
    close: () => server.close(),
  };
}
