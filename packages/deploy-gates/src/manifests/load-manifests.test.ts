import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIAS_BOMB, userErrorOf } from '../test-utils/user-error.js';
import { loadManifests, maxManifestBytes, parseManifests } from './load-manifests.js';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\n';

async function project(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-manifests-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

describe('loadManifests (through core guarded loader)', () => {
  it('reads multi-document YAML and Lists, each object at its own line', async () => {
    const dir = await project({
      'k8s.yaml': `${deployment}---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: agent}\n`,
    });
    const objects = await loadManifests('k8s.yaml', dir);
    expect(objects.map((o) => [o.object.kind, o.file, o.line])).toEqual([
      ['Deployment', 'k8s.yaml', 1],
      ['Service', 'k8s.yaml', 9],
    ]);
  });

  it('refuses an alias bomb in any document as one located parse error', async () => {
    const dir = await project({ 'k8s.yaml': `${deployment}---\n${ALIAS_BOMB}\n` });
    expect(await userErrorOf(loadManifests('k8s.yaml', dir))).toEqual({
      code: 'AGENT_CICD_PARSE_ERROR',
      line: 'k8s.yaml:7:8: YAML syntax error: aliases expand to more than 1000 nodes (an alias bomb?)',
    });
  });

  it('refuses 100,000-deep nesting without overflowing the stack', async () => {
    const dir = await project({ 'k8s.yaml': `${deployment}---\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n` });
    const { code, line } = await userErrorOf(loadManifests('k8s.yaml', dir));
    expect(code).toBe('AGENT_CICD_PARSE_ERROR');
    expect(line).toMatch(/^k8s\.yaml:6:\d+: YAML syntax error: nesting deeper than 256 levels$/);
  });

  it('locates bytes that are not UTF-8', async () => {
    const dir = await project({ 'k8s.yaml': Buffer.from(`${deployment}  labels: {team: caf\xe9}\n`, 'latin1') });
    expect(await userErrorOf(loadManifests('k8s.yaml', dir))).toEqual({
      code: 'AGENT_CICD_FILE_NOT_UTF8',
      line: 'k8s.yaml:5:21: file is not valid UTF-8 (byte 0xe9): save it as UTF-8',
    });
  });

  it('refuses a file over 4 MiB with a clear size message, before parsing it', async () => {
    const dir = await project({ 'big.yaml': `${deployment}# ${'x'.repeat(maxManifestBytes)}\n` });
    expect(await userErrorOf(loadManifests('big.yaml', dir))).toEqual({
      code: 'AGENT_CICD_FILE_TOO_LARGE',
      line: 'big.yaml: file is 4.0 MiB, more than the 4 MiB agent-cicd reads from one file: split it',
    });
  });

  it('locates something that is not a Kubernetes object (wrong shape) at the object', async () => {
    const dir = await project({
      'k8s.yaml': `${deployment}---\nkind: List\napiVersion: v1\nitems:\n  - kind: Service\n    metadata: {name: x}\n`,
      'scalar.yaml': '42\n',
    });
    expect(await userErrorOf(loadManifests('k8s.yaml', dir))).toEqual({
      code: 'AGENT_CICD_KUBE_MANIFEST_INVALID',
      line: 'k8s.yaml:9:5 items[0]: not a Kubernetes object (needs apiVersion, kind and metadata.name)',
    });
    expect((await userErrorOf(loadManifests('scalar.yaml', dir))).line).toBe(
      'scalar.yaml:1:1: not a Kubernetes object (needs apiVersion, kind and metadata.name)',
    );
  });

  it('puts a kustomization and the files it lists through the same limits', async () => {
    const dir = await project({
      'app/kustomization.yaml': `resources: [deploy.yaml]\n${ALIAS_BOMB.replace(/^a:/, 'x:')}\n`,
      'app/deploy.yaml': deployment,
    });
    expect((await userErrorOf(loadManifests('app', dir))).code).toBe('AGENT_CICD_PARSE_ERROR');
    const ok = await project({ 'app/kustomization.yaml': 'resources: [deploy.yaml]\n', 'app/deploy.yaml': deployment });
    expect((await loadManifests('app', ok)).map((o) => o.file)).toEqual([join('app', 'deploy.yaml')]);
  });

  it('names a missing path', async () => {
    const dir = await project({});
    expect((await userErrorOf(loadManifests('nope.yaml', dir))).code).toBe('AGENT_CICD_FILE_NOT_FOUND');
    expect(parseManifests('', 'empty.yaml')).toEqual([]);
  });
});
