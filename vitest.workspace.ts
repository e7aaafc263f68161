import type { TestProjectInlineConfiguration } from 'vitest/config';

const sourceCondition = {
  resolve: { conditions: ['@agent-cicd/source'] },
  ssr: { resolve: { conditions: ['@agent-cicd/source'] } },
};

/** The test projects; `vitest.config.ts` imports this list as `test.projects` (Vitest 4 no longer reads this file itself). */
export const projects: TestProjectInlineConfiguration[] = ['core', 'deploy-gates', 'vitest-plugin', 'cli'].map(
  (name) => ({
    ...sourceCondition,
    test: { name, root: `packages/${name}`, include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
  }),
);

export default projects;
