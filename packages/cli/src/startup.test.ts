import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
const hook = fileURLToPath(new URL('./test-utils/count-loads.mjs', import.meta.url));

function loadedModules(args: string[]): Promise<string[]> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@agent-cicd/source', '--import', require.resolve('tsx'), '--import', hook, bin, ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (_error, _stdout, stderr) => resolve([...stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1] ?? '')),
    );
  });
}

describe('CLI start-up loads only what a command uses', () => {
  it('--help loads the command list and the error catalogue, not the runner, the mock server or the gates', async () => {
    const loaded = await loadedModules(['--help']);
    const ours = loaded.filter((url) => url.includes('/packages/') && !url.includes('node_modules'));
    expect(ours.some((url) => url.includes('/packages/cli/'))).toBe(true);
    const core = ours.filter((url) => url.includes('/packages/core/')).map((url) => url.replace(/.*\/packages\//, ''));
    expect(core).toEqual(['core/src/errors.ts']);
    expect(ours.filter((url) => url.includes('/packages/deploy-gates/'))).toEqual([]);
    expect(loaded.filter((url) => /node_modules\/(zod|ajv|handlebars|openai|@anthropic-ai)\//.test(url))).toEqual([]);
  });
});
