import { fileURLToPath } from 'node:url';
import type { TestProjectInlineConfiguration } from 'vitest/config';

const repositoryRoot = fileURLToPath(new URL('.', import.meta.url));

const sourceCondition = {
  resolve: { conditions: ['@agent-cicd/source'] },
  ssr: { resolve: { conditions: ['@agent-cicd/source'] } },
};

/**
 * Dog-food: this repository's own prompt suites (`prompts/`, e.g. the judge's regression suite) run through the
 * Vitest plugin the way users run it (`vitest run prompts/`), on replayed cassettes. Vite loads a config's
 * plugins with plain Node resolution, so the plugin comes from its build (`npm ci` and `npm run build` make it);
 * a checkout without a current build skips the project with a warning, except in CI, where that is an error.
 */
async function promptsProject(): Promise<TestProjectInlineConfiguration[]> {
  const plugin = await import('@agent-cicd/vitest-plugin').catch((error: unknown) => ({ error }));
  if ('agentCicd' in plugin && typeof plugin.agentCicd === 'function') {
    // `dir` is the repository root so that file filters see `prompts/…` (`vitest run prompts/` runs this project's
    // suites); `include` keeps the scan to prompts/. `root` stays prompts/: its config, cassettes and report.
    return [
      {
        ...sourceCondition,
        plugins: [plugin.agentCicd({ include: ['prompts/**/*.prompt.yaml'] })],
        test: { name: 'prompts', root: 'prompts', dir: repositoryRoot, include: [] },
      },
    ];
  }
  const why = `the prompts project needs a current build of @agent-cicd/vitest-plugin (run npm run build)`;
  if (process.env.CI) throw new Error(why, { cause: 'error' in plugin ? plugin.error : undefined });
  process.stderr.write(`warning: ${why}; skipping it\n`);
  return [];
}

/** The test projects; `vitest.config.ts` imports this list as `test.projects` (Vitest 4 no longer reads this file itself). */
export const projects: TestProjectInlineConfiguration[] = [
  ...['core', 'deploy-gates', 'vitest-plugin', 'cli'].map((name) => ({
    ...sourceCondition,
    test: {
      name,
      root: `packages/${name}`,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // Many tests spawn the CLI or a server; on a loaded 2-core CI machine a spawn alone can take seconds.
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  })),
  ...(await promptsProject()),
];

export default projects;
