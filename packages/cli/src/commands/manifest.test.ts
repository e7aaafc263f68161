import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPromptBytes } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

const example = fileURLToPath(new URL('../../../../examples/support-agent', import.meta.url));

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
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-manifest-cli-'));
  await cp(example, dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
  return dir;
}

describe('agent-cicd manifest', () => {
  it('verify passes on the example, finding the manifest through the config', async () => {
    const run = await cli(['manifest', 'verify'], example);
    expect(run).toEqual({
      exitCode: 0,
      stdout: 'prompts/manifest.yaml: 2 prompt versions match their hashes\n',
      stderr: '',
    });
  });

  it('verify catches a one-byte change, naming prompt, version, path, expected and actual', async () => {
    const dir = await copyOfExample();
    const template = join(dir, 'prompts/support/v1.hbs');
    const original = await readFile(template);
    const changed = Buffer.from(original);
    changed[0] = (changed[0] as number) ^ 0x20;
    await writeFile(template, changed);
    const run = await cli(['manifest', 'verify', '--manifest', 'prompts/manifest.yaml'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      `prompts/manifest.yaml:8:7: prompt support@v1 (prompts/support/v1.hbs): hash mismatch: expected ${hashPromptBytes(original)}, actual ${hashPromptBytes(changed)}\n`,
    );
  });

  it('hash writes the new hashes, after which verify passes', async () => {
    const dir = await copyOfExample();
    await writeFile(join(dir, 'prompts/support/v2.hbs'), 'You are {{company}} support, {{tone}}.\n');
    const hashed = await cli(['manifest', 'hash'], dir);
    expect(hashed.exitCode).toBe(0);
    expect(hashed.stdout).toContain('support@v2 (prompts/support/v2.hbs): sha256:');
    expect(hashed.stdout).toContain('prompts/manifest.yaml: 1 hash(es) written');
    expect(await cli(['manifest', 'verify'], dir)).toMatchObject({ exitCode: 0 });
    expect(await cli(['manifest', 'hash'], dir)).toMatchObject({
      stdout: 'prompts/manifest.yaml: all hashes up to date\n',
    });
  });

  it('exits 2 when there is no manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-empty-'));
    const run = await cli(['manifest', 'verify'], dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'error[AGENT_CICD_FILE_NOT_FOUND] prompts/manifest.yaml: no prompt manifest (looked for prompts/manifest.yaml); pass --manifest PATH\n',
    );
  });
});
