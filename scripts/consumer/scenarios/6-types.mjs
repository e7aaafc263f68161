// Scenario 6: the published types. A strict TypeScript project imports every entry point of the four packages
// (from their `exports` maps) and uses the main types; `tsc --noEmit` with `skipLibCheck: false` passes on
// TypeScript 5.9 (the harness's install) and on the newest TypeScript (installed aside).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'published types: tsc --noEmit, skipLibCheck false, TypeScript 5.9 and the newest';

const PACKAGES = ['core', 'deploy-gates', 'vitest-plugin', 'cli'];

const USAGE = `import type { AgentFunction, RunReport } from '@agent-cicd/core';
import { defineConfig } from '@agent-cicd/core';
import { agentCicd } from '@agent-cicd/vitest-plugin';
import { defineConfig as defineVitestConfig } from 'vitest/config';

export const config = defineConfig({ tiers: { canary: { llmModel: 'gpt-4o' } } });

export const run: AgentFunction = async (input, ctx) => {
  const reply = await ctx.llm.complete({ messages: [...input.messages], tools: ctx.tools.definitions, signal: ctx.signal });
  return reply.text;
};

export function passRates(report: RunReport): number[] {
  return report.suites.map((suite) => suite.passRate);
}

export default defineVitestConfig({ plugins: [agentCicd()] });
`;

export async function run({ monorepo, repo: createRepo, installAside }) {
  const repo = await createRepo({ name: 'types' });
  const imports = [];
  for (const name of PACKAGES) {
    const manifest = JSON.parse(await readFile(join(monorepo, 'packages', name, 'package.json'), 'utf8'));
    for (const subpath of Object.keys(manifest.exports)) {
      if (subpath === './package.json') continue;
      const specifier = `${manifest.name}${subpath.slice(1)}`;
      imports.push(`import * as entry${imports.length} from '${specifier}';\nvoid entry${imports.length};`);
    }
  }
  await repo.write({
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
    'src/entries.ts': `${imports.join('\n')}\n`,
    'src/usage.ts': USAGE,
  });

  const results = [];
  const local = await repo.exec('node', [repo.path('node_modules/typescript/bin/tsc'), '--version']);
  await repo.exec('node', [repo.path('node_modules/typescript/bin/tsc'), '-p', '.']);
  results.push(local.stdout.trim());

  const aside = await installAside('typescript-latest', ['typescript@latest']);
  const tsc = join(aside, 'node_modules/typescript/bin/tsc');
  const latest = await repo.exec('node', [tsc, '--version']);
  checkMatch(latest.stdout, /Version \d+\./, 'newest tsc --version');
  await repo.exec('node', [tsc, '-p', '.']);
  results.push(latest.stdout.trim());
  return `${imports.length} entry points type-check on ${results.join(' and ')}`;
}
