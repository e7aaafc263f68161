import { expect, it } from 'vitest';
import { ConfigSchema } from './config-schema.js';
import { describeLlmSettings, redactUrl } from './describe-llm-settings.js';

it('resolves the provider and key variable, and redacts credentials in the endpoint', () => {
  const config = ConfigSchema.parse({
    tiers: { staging: { llmModel: 'llama3.1' } },
    llm: { baseUrl: 'https://user:hunter2@llm.internal/v1?api_key=abc123', apiKeyEnv: 'LOCAL_KEY', maxRetries: 2 },
  });
  const view = describeLlmSettings(config, 'staging', { LOCAL_KEY: 'abc123' });
  expect(view).toEqual({
    provider: 'openai',
    providerSource: 'model name',
    model: 'llama3.1',
    baseUrl: 'https://***:***@llm.internal/v1?api_key=***',
    apiKeyEnv: 'LOCAL_KEY',
    apiKeySet: true,
    maxRetries: 2,
  });
  expect(JSON.stringify(view)).not.toMatch(/hunter2|abc123/);
  // The canary tier's built-in model is the seed's full model (claude-opus-4), so its provider is Anthropic.
  expect(describeLlmSettings(ConfigSchema.parse({}), 'canary', {})).toMatchObject({
    provider: 'anthropic',
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    apiKeySet: false,
  });
  expect(redactUrl('not a url')).toBe('***');
});
