import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultInclude } from 'vitest/config';
import type { Vitest } from 'vitest/node';
import { AgentCicdReporter } from '../reporter/agent-cicd-reporter.js';
import { agentCicd } from './agent-cicd.js';

type ConfigHook = (config: Record<string, unknown>) => Promise<void>;
type ConfigureHook = (context: { vitest: Vitest }) => void;

async function configure(options: Parameters<typeof agentCicd>[0], user: Record<string, unknown>) {
  const plugin = agentCicd(options);
  const config = structuredClone(user);
  await (plugin.config as unknown as ConfigHook)(config);
  return config.test as { include: string[]; setupFiles: string[]; provide: Record<string, unknown> };
}

describe('agentCicd', () => {
  it("runs up to `concurrency` cases at once (Vitest's maxConcurrency), unless the config sets it", async () => {
    const limit = async (options: Parameters<typeof agentCicd>[0], user: Record<string, unknown>) =>
      ((await configure(options, user)) as { maxConcurrency?: number }).maxConcurrency;
    expect(await limit({ concurrency: 40 }, { root: '/repo' })).toBe(40);
    expect(await limit({ concurrency: 40 }, { root: '/repo', test: { maxConcurrency: 2 } })).toBe(2);
  });

  it("defaults to the provider's concurrency, llm.concurrency of the agent-cicd config, like `agent-cicd run`", async () => {
    const limit = async (root: string) =>
      ((await configure({}, { root })) as { maxConcurrency?: number }).maxConcurrency;
    const project = await mkdtemp(join(tmpdir(), 'agent-cicd-plugin-'));
    try {
      expect(await limit(project)).toBe(8);
      await writeFile(join(project, 'agent-cicd.config.yaml'), 'llm: { concurrency: 30 }\n');
      expect(await limit(project)).toBe(30);
      // A config that does not load: the default here, its located error where the cases load it.
      await writeFile(join(project, 'agent-cicd.config.yaml'), 'llm: { concurrency: zero }\n');
      expect(await limit(project)).toBe(8);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it('adds the suite patterns to the default include, so ordinary tests stay collected', async () => {
    const test = await configure({}, { root: '/repo' });
    expect(test.include).toEqual([
      ...defaultInclude,
      '**/*.prompt.yaml',
      '**/*.prompt.yml',
      '**/*.suite.yaml',
      '**/*.suite.yml',
      '**/*.cases.json',
    ]);
  });

  it("keeps the user's include, setup files and provided values, and adds its own", async () => {
    const test = await configure(
      { include: ['evals/**/*.prompt.yaml'], tier: 'staging', caseTimeout: 1000 },
      { root: '/repo', test: { include: ['src/**/*.spec.ts'], setupFiles: './setup.ts', provide: { other: 1 } } },
    );
    expect(test.include).toEqual(['src/**/*.spec.ts', 'evals/**/*.prompt.yaml']);
    expect(test.setupFiles[0]).toBe('./setup.ts');
    expect(test.setupFiles[1]).toMatch(/runtime[/\\]setup\.(ts|js)$/);
    expect(test.provide).toEqual({
      other: 1,
      agentCicd: {
        root: '/repo',
        tier: 'staging',
        caseTimeout: 1000,
        journalDir: expect.stringContaining('agent-cicd-vitest-'),
        concurrency: 8, // Vitest's maxConcurrency: the workers' one trial limit
      },
    });
  });

  it('adds one reporter per run, however many projects use the plugin', () => {
    const vitest = { config: { reporters: [['default', {}]] } } as unknown as Vitest;
    (agentCicd().configureVitest as unknown as ConfigureHook)({ vitest });
    (agentCicd().configureVitest as unknown as ConfigureHook)({ vitest });
    expect(vitest.config.reporters.filter((r) => r instanceof AgentCicdReporter)).toHaveLength(1);
    expect(vitest.config.reporters[0]).toEqual(['default', {}]);
  });

  it('transforms only suite files', () => {
    const plugin = agentCicd();
    const transform = plugin.transform as unknown as (code: string, id: string) => { code: string } | null;
    expect(transform('export const x = 1;', '/repo/src/x.ts')).toBeNull();
    expect(transform('{"a": 1}', '/repo/package.json')).toBeNull();
    const module = transform('[{"id": "a", "user_input": "hi"}]', '/repo/seed.cases.json');
    expect(module?.code).toContain('registerSuite(JSON.parse(');
    expect(module?.code).toContain('case 0: return new Error(m);');
  });

  it("refuses a casesPerTest that is not 'auto' or a positive integer, and groups a large file by it", () => {
    for (const bad of [0, -1, 2.5, Number.NaN, '10']) {
      expect(() => agentCicd({ casesPerTest: bad as number })).toThrow(
        expect.objectContaining({
          code: 'AGENT_CICD_CONFIG_INVALID',
          message: expect.stringContaining('casesPerTest'),
        }),
      );
    }
    const transform = agentCicd({ casesPerTest: 2 }).transform as unknown as (
      code: string,
      id: string,
    ) => { code: string };
    const module = transform(
      '[{"id": "a", "user_input": "x"}, {"id": "b", "user_input": "y"}]',
      '/repo/seed.cases.json',
    );
    expect(module.code).toContain(String.raw`\"groupSize\":2}`);
  });
});
