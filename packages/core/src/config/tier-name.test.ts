import { describe, expect, it } from 'vitest';
import { resolveTier, resolveTierName } from './tier-name.js';

describe('resolveTier', () => {
  it('prefers --tier, then AGENT_CICD_TIER, then DEPLOYMENT_ENV, then dev', () => {
    const env = { AGENT_CICD_TIER: 'staging', DEPLOYMENT_ENV: 'production' };
    expect(resolveTier({ flag: 'canary', env })).toEqual({ tier: 'canary', source: '--tier' });
    expect(resolveTier({ env })).toEqual({ tier: 'staging', source: 'AGENT_CICD_TIER' });
    expect(resolveTier({ env: { DEPLOYMENT_ENV: 'production' } })).toEqual({
      tier: 'production',
      source: 'DEPLOYMENT_ENV',
    });
    expect(resolveTier({ flag: '', env: { AGENT_CICD_TIER: ' ' } })).toEqual({ tier: 'dev', source: 'default' });
    expect(resolveTierName()).toBe('dev');
  });

  it('rejects an unknown tier naming where it came from', () => {
    expect(() => resolveTierName({ env: { DEPLOYMENT_ENV: 'prod' } })).toThrow(
      'unknown tier "prod" (from DEPLOYMENT_ENV); expected one of dev, staging, canary, production',
    );
    expect(() => resolveTierName({ flag: 'qa' })).toThrow(expect.objectContaining({ code: 'AGENT_CICD_TIER_INVALID' }));
  });
});
