import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

const example = fileURLToPath(new URL('../../../../examples/support-agent', import.meta.url));

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ exitCode: number; out: string }> {
  let out = '';
  const write = (text: string): void => {
    out += text;
  };
  const exitCode = await main(args, { stdout: write, stderr: write, cwd: example, env });
  return { exitCode, out };
}

describe('agent-cicd config', () => {
  it('prints the selected tier with the config merged over its defaults', async () => {
    const run = await cli(['config'], { AGENT_CICD_TIER: 'canary', DEPLOYMENT_ENV: 'production' });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      file: 'agent-cicd.config.yaml',
      tier: 'canary',
      tierSource: 'AGENT_CICD_TIER',
      settings: { llmModel: 'gpt-4o', trafficWeight: 0.1, mockLlm: false, mockTools: false, promptVersion: 'v2' },
    });
    expect(JSON.parse((await cli(['config', '--tier', 'dev'], { AGENT_CICD_TIER: 'canary' })).out)).toMatchObject({
      tier: 'dev',
      tierSource: '--tier',
      settings: { mockLlm: true },
    });
  });

  it('shows the llm section the tier will use, with no secret in it', async () => {
    const secret = 'sk-planted-secret-4242';
    const run = await cli(['config', '--tier', 'staging'], { OPENAI_API_KEY: secret });
    expect(JSON.parse(run.out).llm).toEqual({
      provider: 'openai',
      providerSource: 'model name',
      model: 'gpt-4o-mini',
      apiKeyEnv: 'OPENAI_API_KEY',
      apiKeySet: true,
    });
    expect(run.out).not.toContain(secret);
    expect(JSON.parse((await cli(['config', '--tier', 'dev'])).out).llm).toMatchObject({ provider: 'mock' });
  });

  it('rejects an unknown tier in one line, exit 2', async () => {
    expect(await cli(['config'], { DEPLOYMENT_ENV: 'prod' })).toEqual({
      exitCode: 2,
      out: 'error[AGENT_CICD_TIER_INVALID] unknown tier "prod" (from DEPLOYMENT_ENV); expected one of dev, staging, canary, production\n',
    });
  });
});
