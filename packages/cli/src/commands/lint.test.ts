import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { runCli } from '../test-utils/run-cli.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const example = join(repoRoot, 'examples/support-agent');

async function cli(args: string[], cwd: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env: {},
  });
  return { exitCode, stdout, stderr };
}

async function copyOfExample(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-lint-'));
  await cp(example, dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
  return dir;
}

describe('agent-cicd lint', () => {
  it('passes on examples/ (spawned, as `npm start` runs it)', { timeout: 120_000 }, async () => {
    const run = await runCli(['lint', 'examples/'], { cwd: repoRoot });
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
    expect(run.exitCode).toBe(0);
  });

  it('lints a seed-format cases file clean on its own, outside any project', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-seed-'));
    await cp(join(example, 'tests/prompt_test_cases.json'), join(dir, 'prompt_test_cases.json'));
    const run = await cli(['lint', 'prompt_test_cases.json'], dir);
    expect(run).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('inside a project, an unknown system_prompt_version is an error at its location', async () => {
    const dir = await copyOfExample();
    const file = join(dir, 'tests/prompt_test_cases.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"system_prompt_version": "v2"', '"system_prompt_version": "v7"'),
    );
    const run = await cli(['lint'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe(
      'tests/prompt_test_cases.json:27:30 [2].system_prompt_version: prompt "support" has no version "v7" (versions: "v1", "v2")\n',
    );
  });

  it('reports undeclared template variables as errors and unused declarations as warnings', async () => {
    const dir = await copyOfExample();
    const manifest = join(dir, 'prompts/manifest.yaml');
    await writeFile(
      manifest,
      (await readFile(manifest, 'utf8')).replace('variables: [company]', 'variables: [company, region]'),
    );
    const template = join(dir, 'prompts/support/v2.hbs');
    await writeFile(template, `${await readFile(template, 'utf8')}Region: {{region}}\n`);
    expect(await cli(['manifest', 'hash'], dir)).toMatchObject({ exitCode: 0 });
    const run = await cli(['lint', '.'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'prompts/manifest.yaml:12:20: warning: variable "region" is declared but not used in prompts/support/v1.hbs',
      `prompts/support/v2.hbs:13:11: variable "region" is used but not declared (add it to the manifest version's variables)`,
      '',
    ]);
    expect((await cli(['lint', '--quiet', '.'], dir)).stdout).not.toContain('warning');
  });

  it('exits 2 naming a path that does not exist', async () => {
    const run = await cli(['lint', 'no/such/dir'], repoRoot);
    expect(run).toMatchObject({
      exitCode: 2,
      stderr: 'error[AGENT_CICD_FILE_NOT_FOUND] no/such/dir: no such file or directory\n',
    });
  });
});
