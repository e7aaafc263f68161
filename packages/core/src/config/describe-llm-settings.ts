import { inferProvider } from '../llm/create-llm-client.js';
import type { AgentCicdConfig } from './config-schema.js';
import type { TierName } from './tier-name.js';

const DEFAULT_KEY_ENV = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' } as const;

/** What `agent-cicd config` shows of the `llm` section for a tier: resolved, with no secret in it. */
export interface LlmSettingsView {
  /** `mock` on tiers with `mockLlm`. */
  provider: 'openai' | 'anthropic' | 'mock';
  /** Where the provider came from. */
  providerSource: 'llm.provider' | 'model name' | 'mockLlm';
  model: string;
  /** The endpoint with any user, password and query values replaced by `***`. */
  baseUrl?: string;
  /** The variable the key is read from, and whether it is set (its value is never shown). */
  apiKeyEnv?: string;
  apiKeySet?: boolean;
  concurrency?: number;
  maxRetries?: number;
  /** Models with configured prices. */
  pricedModels?: string[];
}

/**
 * The tier's model settings as the run will use them: provider (configured, or inferred from the model name),
 * endpoint, key variable and whether it is set, concurrency, retries. Secrets are never included: a URL's
 * credentials and query values are redacted and the key appears only as a variable name and `apiKeySet`.
 */
export function describeLlmSettings(
  config: AgentCicdConfig,
  tier: TierName,
  env: Record<string, string | undefined> = process.env,
): LlmSettingsView {
  const settings = config.tiers[tier];
  const llm = config.llm ?? {};
  const common = {
    ...(llm.concurrency === undefined ? {} : { concurrency: llm.concurrency }),
    ...(llm.maxRetries === undefined ? {} : { maxRetries: llm.maxRetries }),
    ...(llm.prices === undefined ? {} : { pricedModels: Object.keys(llm.prices) }),
  };
  if (settings.mockLlm) {
    return { provider: 'mock', providerSource: 'mockLlm', model: settings.llmModel, ...common };
  }
  const provider = llm.provider ?? inferProvider(settings.llmModel);
  const apiKeyEnv = llm.apiKeyEnv ?? DEFAULT_KEY_ENV[provider];
  return {
    provider,
    providerSource: llm.provider === undefined ? 'model name' : 'llm.provider',
    model: settings.llmModel,
    ...(llm.baseUrl === undefined ? {} : { baseUrl: redactUrl(llm.baseUrl) }),
    apiKeyEnv,
    apiKeySet: Boolean(env[apiKeyEnv]),
    ...common,
  };
}

/** `https://user:pass@host/v1?key=abc` → `https://***:***@host/v1?key=***`. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '***';
  }
  if (url.username) url.username = '***';
  if (url.password) url.password = '***';
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
  return url.toString().replaceAll('%2A%2A%2A', '***');
}
