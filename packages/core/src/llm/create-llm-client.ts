import type { LlmSettings } from '../config/config-schema.js';
import { AgentCicdError } from '../errors.js';
import { createAnthropicClient } from './anthropic-client.js';
import type { AdapterOptions } from './call-policy.js';
import { createOpenAiClient } from './openai-client.js';
import type { LlmClient } from './types.js';

export type ProviderName = 'openai' | 'anthropic';

/** `anthropic` for Claude models, `openai` for everything else (OpenAI and compatible servers). */
export function inferProvider(model: string): ProviderName {
  return /^(anthropic\/)?claude/i.test(model) ? 'anthropic' : 'openai';
}

const DEFAULT_KEY_ENV: Record<ProviderName, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };

export interface CreateLlmClientOptions extends Omit<AdapterOptions, 'prices' | 'concurrency' | 'maxRetries'> {
  /** The config file's `llm` section (provider, baseUrl, apiKeyEnv, concurrency, maxRetries, prices). */
  settings?: LlmSettings;
  /** Where API keys are read. @default process.env */
  env?: Record<string, string | undefined>;
}

/**
 * The real-provider `LlmClient` a tier asks for: the provider from `settings.provider` or the model name, the key
 * from `settings.apiKeyEnv` (default `OPENAI_API_KEY` / `ANTHROPIC_API_KEY`), and the retry, concurrency and price
 * settings. A missing key is a user error (`AGENT_CICD_LLM_API_KEY_MISSING`), except for a custom OpenAI-compatible
 * `baseUrl`, which often needs none.
 *
 * @example
 * const llm = createLlmClient({ model: tier.llmModel, timeoutMs: tier.timeoutSeconds * 1000, settings: config.llm });
 */
export function createLlmClient(options: CreateLlmClientOptions): LlmClient {
  const { settings = {}, env = process.env, ...adapter } = options;
  const provider = settings.provider ?? inferProvider(options.model);
  const keyEnv = settings.apiKeyEnv ?? DEFAULT_KEY_ENV[provider];
  let apiKey = env[keyEnv] || undefined;
  if (!apiKey) {
    if (provider === 'openai' && settings.baseUrl) apiKey = 'unused';
    else {
      throw new AgentCicdError(
        'AGENT_CICD_LLM_API_KEY_MISSING',
        `set ${keyEnv} to use the ${provider} provider with model ${options.model}` +
          (settings.apiKeyEnv ? ' (from llm.apiKeyEnv)' : ''),
      );
    }
  }
  const common = {
    ...adapter,
    apiKey,
    ...(settings.baseUrl === undefined ? {} : { baseURL: settings.baseUrl }),
    ...(settings.concurrency === undefined ? {} : { concurrency: settings.concurrency }),
    ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
    ...(settings.prices === undefined ? {} : { prices: settings.prices }),
  };
  return provider === 'anthropic' ? createAnthropicClient(common) : createOpenAiClient(common);
}
