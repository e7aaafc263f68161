import { z } from 'zod';
import { withSnakeCaseAliases } from '../schema/snake-case-aliases.js';
import type { TierName } from './tier-name.js';

const TRAFFIC_RULE = 'a fraction from 0 to 1 as in the seed (1.0 = 100%), or a percentage string such as "5%"';

/**
 * Share of live traffic, as a fraction 0–1. One rule, no guessing: a number is a fraction (the seed's `1.0` is
 * 100%), a percentage is a string (`"5%"`). `5` meaning 5% is an error, never read as 500% or as 5%.
 */
export const TrafficWeightSchema = z
  .union(
    [
      z.number().min(0, `must be ${TRAFFIC_RULE}`).max(1, `must be ${TRAFFIC_RULE}; for a percentage write "N%"`),
      z
        .string()
        .regex(/^\s*\d+(\.\d+)?\s*%\s*$/, `must be ${TRAFFIC_RULE}`)
        .transform((text) => Number(text.replace('%', '').trim()) / 100)
        .pipe(z.number().max(1, 'a percentage must be at most "100%"')),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? `must be ${TRAFFIC_RULE}` : undefined) },
  )
  .describe('Share of live traffic this tier receives: a fraction 0–1 (1.0 = 100%) or a string such as "5%".');

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'critical'] as const;

/** Log level; case-insensitive, with the seed's (Python's) names: `DEBUG`, `INFO`, `WARNING`, `ERROR`, `CRITICAL`. */
export const LogLevelSchema = z
  .preprocess((value) => {
    if (typeof value !== 'string') return value;
    const lower = value.trim().toLowerCase();
    return lower === 'warning' ? 'warn' : lower;
  }, z.enum(LOG_LEVELS))
  .describe('debug | info | warn | error | critical, any case; the seed’s WARNING is warn.');

const deploymentObject = z
  .object({
    llmModel: z.string().min(1).describe('Model name sent to the provider.'),
    llmTemperature: z.number().min(0).max(2),
    toolsEnabled: z
      .union([z.boolean(), z.array(z.string().min(1))])
      .describe('`true`: every registered tool; `false`: none; a list: only these tools.'),
    promptVersion: z.string().min(1).optional().describe('Prompt version this tier serves (default: the suite’s).'),
    maxTokens: z.number().int().positive(),
    timeoutSeconds: z.number().positive(),
    mockLlm: z.boolean().describe('Use the embedded mock LLM instead of a provider.'),
    mockTools: z.boolean().describe('Use mock tools (fixtures) instead of real ones.'),
    trafficWeight: TrafficWeightSchema,
    logLevel: LogLevelSchema,
  })
  .strict();

/** The seed's `AgentDeploymentConfig`: how an agent runs in one tier. */
export const AgentDeploymentConfigSchema = withSnakeCaseAliases(deploymentObject);
export type AgentDeploymentConfig = z.output<typeof AgentDeploymentConfigSchema>;

/** What a config file writes for a tier: any subset, merged over the tier's defaults. */
export const TierOverridesSchema = withSnakeCaseAliases(deploymentObject.partial());
export type TierOverrides = z.input<typeof TierOverridesSchema>;

/**
 * Built-in tier defaults: the seed's table (docs/tiers.md shows them side by side). Two fields differ on
 * purpose: `toolsEnabled` is `true` (every tool the agent registers) instead of the seed's demo tool names, which
 * would silently disable any agent's own tools; `promptVersion` is unset (the suite's / manifest's current
 * version) instead of the seed's `dev-latest`/`staging-1.2.3`/`prod-2.0.0`, which no user manifest has. The seed
 * has no canary factory: canary is production's configuration at 5% of traffic (0.05).
 */
export const DEFAULT_TIERS: Readonly<Record<TierName, AgentDeploymentConfig>> = {
  dev: {
    llmModel: 'gpt-4o-mini',
    llmTemperature: 0.3,
    toolsEnabled: true,
    maxTokens: 1024,
    timeoutSeconds: 30,
    mockLlm: true,
    mockTools: true,
    trafficWeight: 0,
    logLevel: 'debug',
  },
  staging: {
    llmModel: 'gpt-4o',
    llmTemperature: 0.1,
    toolsEnabled: true,
    maxTokens: 2048,
    timeoutSeconds: 45,
    mockLlm: false,
    mockTools: true,
    trafficWeight: 0,
    logLevel: 'info',
  },
  canary: {
    llmModel: 'claude-opus-4',
    llmTemperature: 0,
    toolsEnabled: true,
    maxTokens: 4096,
    timeoutSeconds: 60,
    mockLlm: false,
    mockTools: false,
    trafficWeight: 0.05,
    logLevel: 'warn',
  },
  production: {
    llmModel: 'claude-opus-4',
    llmTemperature: 0,
    toolsEnabled: true,
    maxTokens: 4096,
    timeoutSeconds: 60,
    mockLlm: false,
    mockTools: false,
    trafficWeight: 1,
    logLevel: 'warn',
  },
};
