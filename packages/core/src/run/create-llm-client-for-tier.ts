import { resolve } from 'node:path';
import { createCassetteClient, resolveCassetteMode } from '../cassette/create-cassette-client.js';
import type { AgentCicdConfig } from '../config/config-schema.js';
import type { TierName } from '../config/tier-name.js';
import { AgentCicdError } from '../errors.js';
import { createLlmClient, inferProvider } from '../llm/create-llm-client.js';
import type { LlmClient } from '../llm/types.js';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { loadMockScript } from '../mock/load-mock-script.js';
import { retryingLlm } from './retrying-llm.js';

export interface CreateLlmClientForTierOptions {
  config: AgentCicdConfig;
  tier: TierName;
  /** Project root; config paths resolve from here. */
  root: string;
  /** Where API keys are read (`llm.apiKeyEnv`). @default process.env */
  env?: Record<string, string | undefined>;
  /** Mock LLM seed; overrides `mock.seed`. */
  seed?: number;
  /** Mock script; overrides `mock.script` (relative to `root`). */
  mockScript?: string;
  /** Cassette mode (`--cassette`); else `AGENT_CICD_CASSETTE`, else the config's `cassette.mode`, else `off`. */
  cassette?: string;
}

/**
 * The tier's model client: the mock LLM for tiers with `mockLlm` (from `mock.script`), else OpenAI or
 * Anthropic through `createLlmClient` (provider, key variable and its defaults, endpoint, concurrency, retries,
 * prices) with the tier's model and timeout. Retryable failures are
 * retried either way. With a cassette mode other than `off`, calls are recorded to / replayed from
 * `cassette.dir` (one file per case), secrets redacted.
 */
export async function createLlmClientForTier(options: CreateLlmClientForTierOptions): Promise<LlmClient> {
  const { config, root } = options;
  const env = options.env ?? process.env;
  const mode = resolveCassetteMode({
    ...(options.cassette === undefined ? {} : { flag: options.cassette }),
    env,
    fallback: config.cassette?.mode ?? 'off',
  });
  const inner = await createProviderClient(options, mode === 'replay');
  if (mode === 'off') return inner;
  return createCassetteClient({
    inner,
    mode,
    dir: resolve(root, config.cassette?.dir ?? 'cassettes'),
    secrets: config.secrets.flatMap((name) => env[name] ?? []),
  });
}

async function createProviderClient(options: CreateLlmClientForTierOptions, replayOnly: boolean): Promise<LlmClient> {
  const { config, tier, root } = options;
  const settings = config.tiers[tier];
  const llm = config.llm ?? {};
  if (settings.mockLlm) {
    const script = options.mockScript ?? config.mock?.script;
    if (!script && replayOnly) {
      const missing = new AgentCicdError(
        'AGENT_CICD_CASSETTE_MISS',
        'replaying cassettes: no mock script to answer a request',
      );
      return { provider: 'mock', complete: () => Promise.reject(missing) };
    }
    if (!script) {
      throw new AgentCicdError(
        'AGENT_CICD_CONFIG_INVALID',
        `the ${tier} tier uses the mock LLM but no mock script is set: add mock.script to the config or pass --mock-script`,
      );
    }
    const mock = createMockLlm(await loadMockScript(resolve(root, script)), {
      ...((options.seed ?? config.mock?.seed) === undefined ? {} : { seed: options.seed ?? config.mock?.seed }),
    });
    return retryingLlm(mock, { retries: llm.maxRetries ?? 3 });
  }
  try {
    return createLlmClient({
      model: settings.llmModel,
      timeoutMs: settings.timeoutSeconds * 1000,
      settings: llm,
      env: options.env ?? process.env,
    });
  } catch (error) {
    if (!(error instanceof AgentCicdError) || error.code !== 'AGENT_CICD_LLM_API_KEY_MISSING') throw error;
    // Replaying cassettes never reaches the provider, so CI needs no key.
    if (replayOnly) {
      const missing = new AgentCicdError(
        'AGENT_CICD_CASSETTE_MISS',
        'replaying cassettes: no API key to answer a request',
      );
      return { provider: llm.provider ?? inferProvider(settings.llmModel), complete: () => Promise.reject(missing) };
    }
    throw new AgentCicdError(error.code, `the ${tier} tier: ${error.message}`, { cause: error });
  }
}
