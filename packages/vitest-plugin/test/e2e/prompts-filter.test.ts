import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

it("`vitest run prompts/` at the repository root selects this repository's prompt suites", async () => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV') env[key] = value;
  }
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [vitestBin, 'list', 'prompts/', '--filesOnly', '--project', 'prompts'],
      { cwd: repoRoot, env: { ...env, NO_COLOR: '1' } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}${stderr}`)) : resolve(stdout)),
    );
  });
  expect(output).toContain('prompts/judge.prompt.yaml');
}, 120_000);
