import { describe, expect, it } from 'vitest';
import { defaultInclude } from 'vitest/config';
import type { Vitest } from 'vitest/node';
import { AgentCicdReporter } from '../reporter/agent-cicd-reporter.js';
import { agentCicd } from './agent-cicd.js';

type ConfigHook = (config: Record<string, unknown>) => void;
type ConfigureHook = (context: { vitest: Vitest }) => void;

function configure(options: Parameters<typeof agentCicd>[0], user: Record<string, unknown>) {
  const plugin = agentCicd(options);
  const config = structuredClone(user);
  (plugin.config as unknown as ConfigHook)(config);
  return config.test as { include: string[]; setupFiles: string[]; provide: Record<string, unknown> };
}

describe('agentCicd', () => {
  it("runs up to `concurrency` cases of a file at once (Vitest's maxConcurrency), unless the config sets it", () => {
    expect((configure({}, { root: '/repo' }) as { maxConcurrency?: number }).maxConcurrency).toBe(16);
    expect((configure({ concurrency: 40 }, { root: '/repo' }) as { maxConcurrency?: number }).maxConcurrency).toBe(40);
    const user = configure({ concurrency: 40 }, { root: '/repo', test: { maxConcurrency: 2 } });
    expect((user as { maxConcurrency?: number }).maxConcurrency).toBe(2);
  });

  it('adds the suite patterns to the default include, so ordinary tests stay collected', () => {
    const test = configure({}, { root: '/repo' });
    expect(test.include).toEqual([
      ...defaultInclude,
      '**/*.prompt.yaml',
      '**/*.prompt.yml',
      '**/*.suite.yaml',
      '**/*.suite.yml',
      '**/*.cases.json',
    ]);
  });

  it("keeps the user's include, setup files and provided values, and adds its own", () => {
    const test = configure(
      { include: ['evals/**/*.prompt.yaml'], tier: 'staging', caseTimeout: 1000 },
      { root: '/repo', test: { include: ['src/**/*.spec.ts'], setupFiles: './setup.ts', provide: { other: 1 } } },
    );
    expect(test.include).toEqual(['src/**/*.spec.ts', 'evals/**/*.prompt.yaml']);
    expect(test.setupFiles[0]).toBe('./setup.ts');
    expect(test.setupFiles[1]).toMatch(/runtime[/\\]setup\.(ts|js)$/);
    expect(test.provide).toEqual({ other: 1, agentCicd: { root: '/repo', tier: 'staging', caseTimeout: 1000 } });
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
    expect(module?.code).toContain('suite.case("a"');
  });
});
