import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashManifest } from './hash-manifest.js';
import { hashPromptBytes } from './hash-prompt.js';
import { loadManifest } from './load-manifest.js';
import { resolvePrompt } from './resolve-prompt.js';
import { describePromptCheck, verifyManifest } from './verify-manifest.js';

const V1 = 'You are {{company}} support.\n';
const V2 = 'You are {{company}} support. Be {{tone}}.\n';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-manifest-'));
  await mkdir(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

function manifestText(hashes: { v1?: string; v2?: string } = {}): string {
  return [
    '# Support prompts',
    'prompts:',
    '  support:',
    '    current_version: v2',
    '    versions:',
    '      v1:',
    '        path: prompts/support/v1.hbs',
    ...(hashes.v1 ? [`        hash: "${hashes.v1}"`] : []),
    '        description: first',
    '      v2:',
    '        path: prompts/support/v2.hbs   # keep this comment',
    ...(hashes.v2 ? [`        hash: ${hashes.v2}`] : []),
    '        variables: [company, tone]',
    '        changes: [adds tone]',
    '        metrics: { pass_rate: 0.93 }',
    '',
  ].join('\n');
}

const files = { 'prompts/support/v1.hbs': V1, 'prompts/support/v2.hbs': V2 };

describe('prompt manifest', () => {
  it('resolves version paths from the parent of the manifest directory when there is no config', async () => {
    const dir = await project({ ...files, 'prompts/manifest.yaml': manifestText() });
    const loaded = await loadManifest(join(dir, 'prompts/manifest.yaml'));
    expect(loaded.root).toBe(dir);
    expect(loaded.manifest.prompts.support?.currentVersion).toBe('v2');
  });

  it('resolves version paths from the directory holding agent-cicd.config.* when there is one', async () => {
    const dir = await project({
      'agent/agent-cicd.config.yaml': 'manifest: config/prompt_manifest.yaml\n',
      'agent/config/prompt_manifest.yaml': manifestText(),
    });
    expect((await loadManifest(join(dir, 'agent/config/prompt_manifest.yaml'))).root).toBe(join(dir, 'agent'));
  });

  it('hashes every version, keeping comments, atomically; then verifies clean', async () => {
    const dir = await project({ ...files, 'prompts/manifest.yaml': manifestText() });
    const file = join(dir, 'prompts/manifest.yaml');
    const changes = await hashManifest(file);
    expect(changes.map((change) => [change.version, change.hash])).toEqual([
      ['v1', hashPromptBytes(V1)],
      ['v2', hashPromptBytes(V2)],
    ]);
    const text = await readFile(file, 'utf8');
    // Byte for byte the same apart from the added hash lines, each right after its `path`.
    expect(text.replace(/\n +hash: .*/g, '')).toBe(manifestText());
    expect(text).toContain(`path: prompts/support/v1.hbs\n        hash: "${hashPromptBytes(V1)}"\n`);
    expect(text).toContain(`# keep this comment\n        hash: "${hashPromptBytes(V2)}"\n`);
    expect(await readdir(join(dir, 'prompts'))).toEqual(['manifest.yaml', 'support']);
    expect(await hashManifest(file)).toEqual([]);
    const checks = await verifyManifest(await loadManifest(file));
    expect(checks.map((check) => check.status)).toEqual(['ok', 'ok']);
  });

  it('catches a one-byte change in a prompt file, naming prompt, version, path, expected and actual', async () => {
    const tampered = V2.replace('Be', 'be');
    const dir = await project({
      'prompts/support/v1.hbs': V1,
      'prompts/support/v2.hbs': tampered,
      'prompts/manifest.yaml': manifestText({ v1: hashPromptBytes(V1), v2: hashPromptBytes(V2) }),
    });
    const manifest = await loadManifest(join(dir, 'prompts/manifest.yaml'));
    const [v1, v2] = await verifyManifest(manifest);
    expect(v1?.status).toBe('ok');
    expect(v2).toMatchObject({ status: 'mismatch', location: { line: 10, column: 7 } });
    expect(describePromptCheck(v2 as never)).toBe(
      `prompt support@v2 (prompts/support/v2.hbs): hash mismatch: expected ${hashPromptBytes(V2)}, actual ${hashPromptBytes(tampered)}`,
    );
    await expect(resolvePrompt({ manifest, name: 'support' })).rejects.toMatchObject({
      code: 'AGENT_CICD_MANIFEST_HASH_MISMATCH',
    });
    await expect(resolvePrompt({ manifest, name: 'support', verify: false })).resolves.toMatchObject({
      version: 'v2',
      template: tampered,
    });
  });

  it('reports unhashed and missing files', async () => {
    const dir = await project({ 'prompts/support/v1.hbs': V1, 'prompts/manifest.yaml': manifestText() });
    const checks = await verifyManifest(await loadManifest(join(dir, 'prompts/manifest.yaml')));
    expect(checks.map((check) => check.status)).toEqual(['unhashed', 'missing']);
  });

  it('resolves a version with its template, hash and declared variables; names unknown prompts and versions', async () => {
    const dir = await project({
      ...files,
      'prompts/manifest.yaml': manifestText({ v1: hashPromptBytes(V1), v2: hashPromptBytes(V2) }),
    });
    const manifest = await loadManifest(join(dir, 'prompts/manifest.yaml'));
    expect(await resolvePrompt({ manifest, name: 'support', version: 'v2' })).toEqual({
      name: 'support',
      version: 'v2',
      path: join(dir, 'prompts/support/v2.hbs'),
      hash: hashPromptBytes(V2),
      template: V2,
      variables: ['company', 'tone'],
    });
    await expect(resolvePrompt({ manifest, name: 'billing' })).rejects.toThrow(
      'no prompt "billing" in the manifest (prompts: "support")',
    );
    await expect(resolvePrompt({ manifest, name: 'support', version: 'v9' })).rejects.toThrow(
      'prompt "support" has no version "v9" (versions: "v1", "v2")',
    );
  });

  it('rejects a malformed hash and an unknown current version with locations', async () => {
    const dir = await project({
      'prompts/manifest.yaml':
        'prompts:\n  s:\n    currentVersion: v3\n    versions:\n      v1: { path: a.hbs, hash: "md5:x" }\n',
    });
    await expect(loadManifest(join(dir, 'prompts/manifest.yaml'))).rejects.toMatchObject({
      problems: [
        expect.objectContaining({ location: expect.objectContaining({ line: 3, path: 'prompts.s.currentVersion' }) }),
        expect.objectContaining({ location: expect.objectContaining({ line: 5, path: 'prompts.s.versions.v1.hash' }) }),
      ],
    });
  });
});
