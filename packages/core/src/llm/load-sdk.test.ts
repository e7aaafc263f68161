import { describe, expect, it } from 'vitest';
import { AgentCicdError } from '../errors.js';
import { loadSdk } from './load-sdk.js';

describe('loadSdk', () => {
  it('tells the user which package to install when the SDK is missing', async () => {
    const missing = 'agent-cicd-package-that-is-not-installed';
    const error = await loadSdk(missing, 'openai', () => import(missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCicdError);
    expect(error).toMatchObject({
      code: 'AGENT_CICD_LLM_SDK_MISSING',
      message: `install ${missing} to use the openai provider (npm install ${missing})`,
    });
  });

  it('passes other import failures through', async () => {
    const broken = new Error('syntax error in module');
    await expect(loadSdk('openai', 'openai', () => Promise.reject(broken))).rejects.toBe(broken);
  });
});
