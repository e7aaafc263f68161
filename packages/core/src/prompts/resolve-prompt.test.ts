import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authoredFileLimits } from '../source/source-limits.js';
import { userErrorOf } from '../test-utils/user-error.js';
import { hashPromptBytes } from './hash-prompt.js';
import { loadManifest } from './load-manifest.js';
import { resolvePrompt } from './resolve-prompt.js';

async function manifestWith(template: Buffer): Promise<Awaited<ReturnType<typeof loadManifest>>> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-resolve-prompt-'));
  await mkdir(join(dir, 'prompts'), { recursive: true });
  await writeFile(join(dir, 'prompts/v1.hbs'), template);
  await writeFile(
    join(dir, 'prompts/manifest.yaml'),
    `prompts:\n  support:\n    current_version: v1\n    versions:\n      v1:\n        path: prompts/v1.hbs\n        hash: "${hashPromptBytes(template)}"\n`,
  );
  return loadManifest(join(dir, 'prompts/manifest.yaml'));
}

describe('resolvePrompt reads templates through the guarded path', () => {
  it('refuses a template that is not UTF-8 at its line and column instead of rendering U+FFFD', async () => {
    const manifest = await manifestWith(Buffer.from('You are support.\nCaf\xe9 {{name}}\n', 'latin1'));
    expect(await userErrorOf(resolvePrompt({ manifest, name: 'support' }))).toEqual({
      code: 'AGENT_CICD_FILE_NOT_UTF8',
      line: 'prompts/v1.hbs:2:4: file is not valid UTF-8 (byte 0xe9): save it as UTF-8',
    });
  });

  it('refuses a template over the size limit, naming it', async () => {
    const manifest = await manifestWith(Buffer.alloc(authoredFileLimits.maxBytes + 1, 0x61));
    expect(await userErrorOf(resolvePrompt({ manifest, name: 'support' }))).toEqual({
      code: 'AGENT_CICD_FILE_TOO_LARGE',
      line: 'prompts/v1.hbs: file is 8.0 MiB, more than the 8 MiB agent-cicd reads from one file: split it',
    });
  });
});
