import { z } from 'zod';
import { AgentCicdError } from '../errors.js';

/** The environment tiers, from safest to most exposed. */
export const TIER_NAMES = ['dev', 'staging', 'canary', 'production'] as const;
export const TierNameSchema = z.enum(TIER_NAMES);
export type TierName = z.infer<typeof TierNameSchema>;

/** Where the tier came from, in order of precedence. */
export type TierSource = '--tier' | 'AGENT_CICD_TIER' | 'DEPLOYMENT_ENV' | 'default';

/**
 * Picks the tier: the `--tier` flag, then `AGENT_CICD_TIER`, then the seed's `DEPLOYMENT_ENV`, then `dev`.
 * Empty values are skipped. An unknown name is an `AGENT_CICD_TIER_INVALID` error naming where it came from.
 */
export function resolveTier(options: { flag?: string | undefined; env?: Record<string, string | undefined> } = {}): {
  tier: TierName;
  source: TierSource;
} {
  const env = options.env ?? {};
  const candidates: [TierSource, string | undefined][] = [
    ['--tier', options.flag],
    ['AGENT_CICD_TIER', env.AGENT_CICD_TIER],
    ['DEPLOYMENT_ENV', env.DEPLOYMENT_ENV],
  ];
  for (const [source, value] of candidates) {
    const name = value?.trim();
    if (!name) continue;
    const parsed = TierNameSchema.safeParse(name);
    if (!parsed.success) {
      throw new AgentCicdError(
        'AGENT_CICD_TIER_INVALID',
        `unknown tier "${name}" (from ${source}); expected one of ${TIER_NAMES.join(', ')}`,
      );
    }
    return { tier: parsed.data, source };
  }
  return { tier: 'dev', source: 'default' };
}

/** {@link resolveTier}, returning just the name. */
export function resolveTierName(
  options: { flag?: string | undefined; env?: Record<string, string | undefined> } = {},
): TierName {
  return resolveTier(options).tier;
}
