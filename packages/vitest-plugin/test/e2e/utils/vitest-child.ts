// Runs Vitest programmatically on one fixture tree with the plugin from source, in its own process (so its
// exit code is the real one). The Vitest package (4.1 from the repo, or 5 in .ci/vitest5.sh) is passed in.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AgentCicdOptions, agentCicd } from '@agent-cicd/vitest-plugin';

interface ChildArgs {
  vitestDir: string;
  root: string;
  shard?: string;
  plugin?: AgentCicdOptions;
  testNamePattern?: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const { startVitest } = (await import(
  pathToFileURL(join(args.vitestDir, 'dist/node.js')).href
)) as typeof import('vitest/node');
const testApi = fileURLToPath(new URL('../../../src/test.ts', import.meta.url));
const conditions = ['@agent-cicd/source', 'node', 'import', 'module', 'default'];
const vitest = await startVitest(
  'test',
  [],
  {
    root: args.root,
    config: false,
    run: true,
    watch: false,
    reporters: ['default'],
    // Fixture trees are small: one worker is enough and keeps parallel fixture runs light on CI's two cores.
    maxWorkers: 1,
    ...(args.shard ? { shard: args.shard } : {}),
    ...(args.testNamePattern ? { testNamePattern: args.testNamePattern } : {}),
  },
  {
    plugins: [agentCicd(args.plugin)],
    // Fixture trees live in a temp dir, outside the workspace: point their import of the test API at the source.
    resolve: { conditions, alias: { '@agent-cicd/vitest-plugin/test': testApi } },
    ssr: { resolve: { conditions } },
  },
);
await vitest.close();
process.exit();
