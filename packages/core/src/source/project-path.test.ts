import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../config/load-config.js';
import { AgentCicdError, formatUserError } from '../errors.js';
import { parseManifestText } from '../prompts/load-manifest.js';
import { isInsideRoot, readProjectFile } from './project-path.js';

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AgentCicdError)) throw new Error(`expected an AgentCicdError, got ${String(error)}`);
  return `${error.code} ${formatUserError(error)}`;
}

describe('paths in files stay inside the project root', () => {
  it('tells inside from outside lexically', () => {
    expect(isInsideRoot('/p', 'prompts/a.hbs')).toBe(true);
    expect(isInsideRoot('/p', './a/../b.hbs')).toBe(true);
    for (const path of ['../outside-secret.txt', 'a/../../x', '/etc/passwd', 'C:\\x', '..', 'a\0b']) {
      expect(isInsideRoot('/p', path), path).toBe(false);
    }
  });

  it('refuses a manifest prompt path out of the root where it is written, before reading anything', () => {
    const text =
      'prompts:\n  support:\n    currentVersion: v1\n    versions:\n      v1:\n        path: ../outside-secret.txt\n';
    let message = '';
    try {
      parseManifestText(text, 'prompts/manifest.yaml', '/project');
    } catch (error) {
      message = `${(error as AgentCicdError).code} ${formatUserError(error as AgentCicdError)}`;
    }
    expect(message).toBe(
      'AGENT_CICD_FILE_OUTSIDE_PROJECT prompts/manifest.yaml:6:15 prompts.support.versions.v1.path: "../outside-secret.txt" is outside the project root: paths in files resolve from the project root (the config file\'s directory) and must stay inside it',
    );
  });

  it('refuses config paths (mock script, mock tools, cassettes, manifest) out of the root', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-root-'));
    const file = join(dir, 'agent-cicd.config.yaml');
    await writeFile(file, 'mock:\n  script: ../../elsewhere.mock.yaml\n');
    expect(await failure(readConfigFile(file, { name: 'agent-cicd.config.yaml' }))).toMatch(
      /^AGENT_CICD_FILE_OUTSIDE_PROJECT agent-cicd\.config\.yaml:2:11 mock\.script: "\.\.\/\.\.\/elsewhere\.mock\.yaml" is outside/,
    );
    await writeFile(file, 'cassette:\n  dir: /tmp/cassettes\n');
    expect(await failure(readConfigFile(file, { name: 'c.yaml' }))).toMatch(
      /^AGENT_CICD_FILE_OUTSIDE_PROJECT c\.yaml:2:8 cassette\.dir/,
    );
  });

  it('refuses a symbolic link that leads out of the root, and names a missing file', async () => {
    const base = await mkdtemp(join(tmpdir(), 'agent-cicd-root-'));
    const root = join(base, 'project');
    await mkdir(root);
    await writeFile(join(base, 'outside-secret.txt'), 'secret');
    await symlink(join(base, 'outside-secret.txt'), join(root, 'innocent.hbs'));
    await writeFile(join(root, 'fine.hbs'), 'hello');
    const location = { file: 'manifest.yaml', line: 3, column: 9 };
    expect(await failure(readProjectFile(root, 'innocent.hbs', location))).toMatch(
      /^AGENT_CICD_FILE_OUTSIDE_PROJECT manifest\.yaml:3:9: "innocent\.hbs" is outside .* \(through a symbolic link\)$/,
    );
    expect(await failure(readProjectFile(root, 'nope.hbs', location))).toBe(
      'AGENT_CICD_FILE_NOT_FOUND manifest.yaml:3:9: cannot read nope.hbs',
    );
    expect((await readProjectFile(root, 'fine.hbs', location)).toString()).toBe('hello');
  });
});
