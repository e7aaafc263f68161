import { z } from 'zod';
import { withSnakeCaseAliases } from '../schema/snake-case-aliases.js';
import type { TierName } from './tier-name.js';

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
    trafficWeight: z.number().min(0).max(100).describe('Percent of live traffic this tier receives.'),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']),
  })
  .strict();

/** The seed's `AgentDeploymentConfig`: how an agent runs in one tier. */
export const AgentDeploymentConfigSchema = withSnakeCaseAliases(deploymentObject);
export type AgentDeploymentConfig = z.output<typeof AgentDeploymentConfigSchema>;

/** What a config file writes for a tier: any subset, merged over the tier's defaults. */
export const TierOverridesSchema = withSnakeCaseAliases(deploymentObject.partial());
export type TierOverrides = z.input<typeof TierOverridesSchema>;

const common = { llmTemperature: 0, toolsEnabled: true, maxTokens: 1024, timeoutSeconds: 30 } as const;

/**
 * Built-in tier defaults. Dev: mock LLM and mock tools, no traffic. Staging: a small real model, mock tools.
 * Canary: the full model and real tools at 5% of traffic. Production: the same at 100%.
 */
export const DEFAULT_TIERS: Readonly<Record<TierName, AgentDeploymentConfig>> = {
  dev: { ...common, llmModel: 'gpt-4o-mini', mockLlm: true, mockTools: true, trafficWeight: 0, logLevel: 'debug' },
  staging: { ...common, llmModel: 'gpt-4o-mini', mockLlm: false, mockTools: true, trafficWeight: 0, logLevel: 'debug' },
  canary: { ...common, llmModel: 'gpt-4o', mockLlm: false, mockTools: false, trafficWeight: 5, logLevel: 'info' },
  production: { ...common, llmModel: 'gpt-4o', mockLlm: false, mockTools: false, trafficWeight: 100, logLevel: 'info' },
};
