import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentCicdError } from '../errors.js';
import { type FixtureServer, realApiIndex, realApiResponse, startFixtureServer } from '../test-utils/fixture-server.js';
import { createLlmClient, inferProvider } from './create-llm-client.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer((request) => {
    const file = request.url.endsWith('/messages') ? 'anthropic-messages-text.json' : 'openai-chat-text.json';
    const entry = realApiIndex().find((e) => e.file === file);
    return entry && realApiResponse(entry);
  });
});
afterAll(() => server.close());

const request = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('createLlmClient', () => {
  it('infers the provider from the model name', () => {
    expect(inferProvider('claude-haiku-4-5')).toBe('anthropic');
    expect(inferProvider('gpt-4o-mini')).toBe('openai');
    expect(inferProvider('llama3.1')).toBe('openai');
  });

  it('builds an Anthropic client with the key from llm.apiKeyEnv and the config prices', async () => {
    const llm = createLlmClient({
      model: 'claude-haiku-4-5',
      settings: {
        baseUrl: server.url,
        apiKeyEnv: 'MY_KEY',
        maxRetries: 0,
        prices: { 'claude-haiku-4-5': { inputPerMillion: 1_000_000, outputPerMillion: 0 } },
      },
      env: { MY_KEY: 'sk-ant-from-env' },
    });
    expect(llm.provider).toBe('anthropic');
    const response = await llm.complete(request);
    expect(response.costUsd).toBe(16);
    expect(server.requests.at(-1)?.headers.authorization ?? server.requests.at(-1)?.headers['x-api-key']).toContain(
      'sk-ant-from-env',
    );
  });

  it('needs no key for a custom OpenAI-compatible baseUrl', async () => {
    const llm = createLlmClient({ model: 'llama3.1', settings: { baseUrl: `${server.url}/v1` }, env: {} });
    expect((await llm.complete(request)).text).toBe('This is a test.');
  });

  it('names the missing key variable', () => {
    const make = () => createLlmClient({ model: 'gpt-4o', env: {} });
    expect(make).toThrow(AgentCicdError);
    expect(make).toThrow('set OPENAI_API_KEY to use the openai provider with model gpt-4o');
  });
});
