import { createRedactor } from '../cassette/redact-secrets.js';

/** Environment variables whose values are always secrets: the provider keys the adapters read. */
export const PROVIDER_KEY_VARIABLES = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'AZURE_OPENAI_API_KEY',
  'GOOGLE_API_KEY',
  'GEMINI_API_KEY',
  'MISTRAL_API_KEY',
  'GROQ_API_KEY',
  'OPENROUTER_API_KEY',
] as const;

export interface ResultRedactorOptions {
  /** Names of the config's `secrets:` variables (and e.g. `llm.apiKeyEnv`). */
  variables?: readonly string[];
  env?: Record<string, string | undefined>;
}

/**
 * The redactor applied where results are written (case results, hence journal, report, summaries): the values of
 * the given secret variables and of the provider key variables, and known key formats (`sk-…`, `sk-ant-…`,
 * `Bearer …`, GitHub, Slack, Google, AWS), replaced by `[REDACTED]`.
 */
export function createResultRedactor(options: ResultRedactorOptions = {}): <T>(value: T) => T {
  const env = options.env ?? process.env;
  const names = new Set([...PROVIDER_KEY_VARIABLES, ...(options.variables ?? [])]);
  const secrets = [...names].flatMap((name) => {
    const value = env[name]?.trim();
    return value ? [value] : [];
  });
  return createRedactor({ secrets });
}
