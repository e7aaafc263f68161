import { z } from 'zod';
import { withSnakeCaseAliases } from '../schema/snake-case-aliases.js';
import { projectPathSchema } from '../source/project-path.js';
import { DEFAULT_TIERS, TierOverridesSchema } from './agent-deployment-config.js';

/** Per-tier settings; each is merged over the tier's built-in defaults. */
const TiersSchema = z
  .object({
    dev: TierOverridesSchema.optional(),
    staging: TierOverridesSchema.optional(),
    canary: TierOverridesSchema.optional(),
    production: TierOverridesSchema.optional(),
  })
  .strict();

/** USD per million tokens for one model; overrides the built-in price table. */
export const ModelPriceSchema = withSnakeCaseAliases(
  z.object({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }).strict(),
);

/** Provider settings shared by every real-LLM tier. */
export const LlmSettingsSchema = withSnakeCaseAliases(
  z
    .object({
      provider: z.enum(['openai', 'anthropic']).optional().describe('Default: inferred from the model name.'),
      baseUrl: z.url().optional().describe('OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, mock server).'),
      apiKeyEnv: z.string().min(1).optional().describe('Environment variable holding the API key.'),
      concurrency: z.number().int().min(1).optional().describe('Maximum concurrent requests per provider.'),
      maxRetries: z.number().int().min(0).optional(),
      prices: z.record(z.string(), ModelPriceSchema).optional().describe('Price overrides by model name.'),
    })
    .strict(),
);
export type LlmSettings = z.output<typeof LlmSettingsSchema>;

/** Cassettes: recorded LLM responses replayed in tests. */
export const CassetteSettingsSchema = withSnakeCaseAliases(
  z
    .object({
      mode: z.enum(['record', 'replay', 'auto', 'off']).optional(),
      dir: projectPathSchema('Directory of cassette files, relative to the project root (and inside it).').optional(),
    })
    .strict(),
);
export type CassetteSettings = z.output<typeof CassetteSettingsSchema>;

/** The LLM judge. */
export const JudgeSettingsSchema = withSnakeCaseAliases(
  z
    .object({
      model: z.string().min(1).optional().describe('Judge model (default: the tier’s model).'),
      threshold: z.number().min(0).max(1).optional().describe('Default pass score (cases may override).'),
      votes: z.number().int().min(1).optional().describe('Number of verdicts; the median score counts.'),
      prompt: z.string().min(1).optional().describe('Rubric prompt name in the manifest.'),
    })
    .strict(),
);
export type JudgeSettings = z.output<typeof JudgeSettingsSchema>;

/** What tiers with `mockLlm` / `mockTools` use (paths relative to the project root). */
export const MockSettingsSchema = withSnakeCaseAliases(
  z
    .object({
      script: projectPathSchema(
        'Mock LLM script (`*.mock.yaml`) for tiers with `mockLlm`, inside the project root.',
      ).optional(),
      tools: projectPathSchema(
        'Mock tools file (`{ tools: [...] }`) for tiers with `mockTools`, inside the project root.',
      ).optional(),
      seed: z.number().int().optional().describe('Seed of the mock LLM (`--seed` overrides it).'),
    })
    .strict(),
);
export type MockSettings = z.output<typeof MockSettingsSchema>;

/** Real tools, for tiers without `mockTools`. */
export const ToolSettingsSchema = withSnakeCaseAliases(
  z
    .object({
      module: z
        .string()
        .min(1)
        .describe('Module (relative to the project root) whose `tools` (or default) export is a list of tool specs.'),
    })
    .strict(),
);
export type ToolSettings = z.output<typeof ToolSettingsSchema>;

/** `agent-cicd pipeline`: which stages run, in which order, and each stage's options (checked by the stage). */
export const PipelineSettingsSchema = z
  .object({
    stages: z
      .array(z.string().min(1))
      .optional()
      .describe('Stage names in the order they run; a stage left out is removed. Default: all eleven, in order.'),
    options: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .optional()
      .describe('Options per stage name, e.g. `unit_test: { command: npm run test:unit }`.'),
  })
  .strict();
export type PipelineSettingsConfig = z.output<typeof PipelineSettingsSchema>;

/** `run --matrix`: every case runs with every model × prompt version (same cases, same seeds). */
export const MatrixSettingsSchema = withSnakeCaseAliases(
  z
    .object({
      models: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe("Models to run every case with (the tier's `llmModel` when left out)."),
      promptVersions: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe("Prompt versions to run every case with (the tier's or suite's version when left out)."),
    })
    .strict(),
);
export type MatrixSettings = z.output<typeof MatrixSettingsSchema>;

/**
 * `agent-cicd.config.{yaml,yml,ts,mts,js,mjs}`. New sections are added here as optional strict objects, so a
 * typo in any key is still an error.
 */
export const ConfigInputSchema = withSnakeCaseAliases(
  z
    .object({
      $schema: z.string().optional(),
      manifest: projectPathSchema(
        'Prompt manifest, relative to the config file (and inside its directory). Default `prompts/manifest.yaml`.',
      ).optional(),
      tiers: TiersSchema.optional(),
      llm: LlmSettingsSchema.optional(),
      cassette: CassetteSettingsSchema.optional(),
      judge: JudgeSettingsSchema.optional(),
      mock: MockSettingsSchema.optional(),
      tools: ToolSettingsSchema.optional(),
      pipeline: PipelineSettingsSchema.optional(),
      matrix: MatrixSettingsSchema.optional(),
      secrets: z
        .array(z.string().min(1))
        .optional()
        .describe('Environment variables whose values are redacted from cassettes, reports and logs.'),
    })
    .strict(),
);
export type AgentCicdConfigInput = z.input<typeof ConfigInputSchema>;

/** The config with defaults applied: every tier fully resolved. */
export const ConfigSchema = ConfigInputSchema.transform((config) => ({
  ...config,
  manifest: config.manifest ?? 'prompts/manifest.yaml',
  secrets: config.secrets ?? [],
  tiers: {
    dev: { ...DEFAULT_TIERS.dev, ...config.tiers?.dev },
    staging: { ...DEFAULT_TIERS.staging, ...config.tiers?.staging },
    canary: { ...DEFAULT_TIERS.canary, ...config.tiers?.canary },
    production: { ...DEFAULT_TIERS.production, ...config.tiers?.production },
  },
}));
export type AgentCicdConfig = z.output<typeof ConfigSchema>;

/** Types an `agent-cicd.config.ts` (camelCase keys). Returns its argument unchanged. */
export function defineConfig(config: AgentCicdConfigInput): AgentCicdConfigInput {
  return config;
}
