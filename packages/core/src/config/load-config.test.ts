import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUserError } from '../errors.js';
import { DEFAULT_TIERS } from './agent-deployment-config.js';
import { loadConfig } from './load-config.js';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-config-'));
  await mkdir(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return formatUserError(error as never);
  }
  return 'no error';
}

describe('loadConfig', () => {
  it('uses the built-in tier defaults without a config file', async () => {
    const dir = await project({});
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.file).toBeUndefined();
    expect(loaded.root).toBe(dir);
    expect(loaded.config.tiers).toEqual(DEFAULT_TIERS);
    expect(loaded.config.tiers.dev).toMatchObject({ mockLlm: true, mockTools: true, trafficWeight: 0 });
    expect(loaded.config.tiers.canary).toMatchObject({ mockLlm: false, mockTools: false, trafficWeight: 0.05 });
    expect(loaded.config.manifest).toBe('prompts/manifest.yaml');
  });

  it('merges a YAML config (either key spelling) over the defaults, found from a subdirectory', async () => {
    const dir = await project({
      'agent-cicd.config.yaml': [
        'tiers:',
        '  staging: { llm_model: claude-haiku-4-5, max_tokens: 512 }',
        '  production: { trafficWeight: 1.0, promptVersion: v2 }',
        'secrets: [OPENAI_API_KEY]',
        'llm: { prices: { my-model: { input_per_million: 1, outputPerMillion: 2 } } }',
      ].join('\n'),
      'tests/.keep': '',
    });
    const loaded = await loadConfig({ cwd: join(dir, 'tests') });
    expect(loaded.file).toBe(join(dir, 'agent-cicd.config.yaml'));
    expect(loaded.root).toBe(dir);
    expect(loaded.config.tiers.staging).toEqual({
      ...DEFAULT_TIERS.staging,
      llmModel: 'claude-haiku-4-5',
      maxTokens: 512,
    });
    expect(loaded.config.tiers.production.promptVersion).toBe('v2');
    expect(loaded.config.secrets).toEqual(['OPENAI_API_KEY']);
    expect(loaded.config.llm?.prices?.['my-model']).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
  });

  it('reports an unknown tier and bad values with file, line, column and path', async () => {
    const dir = await project({ 'agent-cicd.config.yaml': 'tiers:\n  prod:\n    mock_llm: true\n' });
    expect(await errorOf(loadConfig({ cwd: dir }))).toBe(
      'agent-cicd.config.yaml:2:3 tiers.prod: unknown key (did you mean "production"?)',
    );
    const bad = await project({ 'agent-cicd.config.yaml': 'tiers:\n  dev:\n    traffic_weight: 150\n' });
    expect(await errorOf(loadConfig({ cwd: bad }))).toBe(
      'agent-cicd.config.yaml:3:21 tiers.dev.traffic_weight: must be a fraction from 0 to 1 as in the seed (1.0 = 100%), or a percentage string such as "5%"; for a percentage write "N%"',
    );
  });

  it("takes the seed's tier values: fractional traffic weights, percentages as strings, WARNING", async () => {
    const dir = await project({
      'agent-cicd.config.yaml': [
        'tiers:',
        '  dev: { log_level: DEBUG }',
        '  staging: { log_level: INFO, traffic_weight: 0.0 }',
        '  canary: { traffic_weight: "5%", log_level: Warning }',
        '  production: { traffic_weight: 1.0, log_level: WARNING }',
      ].join('\n'),
    });
    const { tiers } = (await loadConfig({ cwd: dir })).config;
    expect([tiers.dev.logLevel, tiers.staging.logLevel, tiers.canary.logLevel, tiers.production.logLevel]).toEqual([
      'debug',
      'info',
      'warn',
      'warn',
    ]);
    expect([tiers.staging.trafficWeight, tiers.canary.trafficWeight, tiers.production.trafficWeight]).toEqual([
      0, 0.05, 1,
    ]);
    // The other spelling is a located error, never reinterpreted: 5 is not 5%, "5" is not a percentage.
    const rule = 'must be a fraction from 0 to 1 as in the seed (1.0 = 100%), or a percentage string such as "5%"';
    for (const [value, message] of [
      ['5', `${rule}; for a percentage write "N%"`],
      ['"5"', rule],
      ['"150%"', 'a percentage must be at most "100%"'],
      ['-0.1', rule],
    ]) {
      const bad = await project({ 'agent-cicd.config.yaml': `tiers:\n  canary:\n    traffic_weight: ${value}\n` });
      expect(await errorOf(loadConfig({ cwd: bad }))).toBe(
        `agent-cicd.config.yaml:3:21 tiers.canary.traffic_weight: ${message}`,
      );
    }
    const level = await project({ 'agent-cicd.config.yaml': 'tiers:\n  canary:\n    log_level: verbose\n' });
    expect(await errorOf(loadConfig({ cwd: level }))).toBe(
      'agent-cicd.config.yaml:3:16 tiers.canary.log_level: expected one of "debug", "info", "warn", "error", "critical", got "verbose"',
    );
  });

  it('loads .mjs and .ts configs through their default export', async () => {
    const mjs = await project({ 'agent-cicd.config.mjs': 'export default { tiers: { dev: { llmModel: "m1" } } };' });
    expect((await loadConfig({ cwd: mjs })).config.tiers.dev.llmModel).toBe('m1');
    const ts = await project({
      'agent-cicd.config.ts': 'const tier: string = "m2";\nexport default { tiers: { canary: { llmModel: tier } } };',
    });
    expect((await loadConfig({ cwd: ts })).config.tiers.canary.llmModel).toBe('m2');
    const badTs = await project({ 'agent-cicd.config.mjs': 'export default { tiers: { dev: { mockLlm: "yes" } } };' });
    expect(await errorOf(loadConfig({ cwd: badTs }))).toBe(
      'agent-cicd.config.mjs tiers.dev.mockLlm: expected boolean, got string',
    );
  });

  it('rejects two config files in one directory and a missing explicit file', async () => {
    const dir = await project({ 'agent-cicd.config.yaml': '{}', 'agent-cicd.config.mjs': 'export default {}' });
    expect(await errorOf(loadConfig({ cwd: dir }))).toMatch(/more than one config file/);
    expect(await errorOf(loadConfig({ cwd: dir, file: 'nope.yaml' }))).toBe('nope.yaml: file not found');
  });
});
