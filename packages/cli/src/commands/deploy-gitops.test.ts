import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createReleaseBundle } from '@agent-cicd/deploy-gates/releases';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

let repo: string;
const git = async (...args: string[]) => (await promisify(execFile)('git', ['-C', repo, ...args])).stdout.trim();

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'agent-cicd-cli-gitops-'));
  await git('init', '-q', '-b', 'main');
  await mkdir(join(repo, 'k8s'));
  await writeFile(
    join(repo, 'k8s/deployment.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: agent }\nspec:\n  selector: { matchLabels: { app: agent } }\n  template:\n    metadata: { labels: { app: agent } }\n    spec: { containers: [{ name: agent, image: ghcr.io/acme/agent:1 }] }\n',
  );
  await writeFile(join(repo, 'k8s/kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
  await git('add', '.');
  await git('-c', 'user.name=Dev', '-c', 'user.email=dev@acme.example', 'commit', '-q', '-m', 'manifests');
  const bundle = createReleaseBundle({
    id: 'r7',
    image: `ghcr.io/acme/agent@sha256:${'d'.repeat(64)}`,
    prompt: { name: 'support', version: 'v2', hash: 'sha256:1' },
    model: { llmModel: 'gpt-4o' },
  });
  await writeFile(join(repo, '..', `${repo.split('/').at(-1)}-release.json`), JSON.stringify(bundle));
  await writeFile(
    join(repo, '..', `${repo.split('/').at(-1)}-decision.json`),
    JSON.stringify({
      action: 'promote',
      reasons: ['No regression.'],
      evidence: [{ check: 'passRate.nonInferiority', verdict: 'pass' }],
    }),
  );
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
  await rm(`${repo}-release.json`, { force: true });
  await rm(`${repo}-decision.json`, { force: true });
});

describe('agent-cicd deploy gitops', { timeout: 120_000 }, () => {
  it('commits the release with its evidence, reverts it, and refuses a dirty tree with exit 2', async () => {
    const args = ['deploy', 'gitops', repo, '--app', 'agent', '--path', 'k8s', '--release', `${repo}-release.json`];
    const committed = await runCli([...args, '--evidence', `${repo}-decision.json`]);
    expect(committed.stderr).toBe('');
    expect(committed.exitCode).toBe(0);
    expect(committed.stdout).toMatch(/^committed release r7 on agent-cicd\/release-r7: [0-9a-f]{12}\n$/);
    expect(await git('log', '-1', '--format=%B')).toContain(
      '- gate: PROMOTE — No regression.\n- passRate.nonInferiority: pass',
    );

    const reverted = await runCli(['deploy', 'gitops', repo, '--app', 'agent', '--revert']);
    expect(reverted.exitCode, reverted.stderr).toBe(0);
    expect(reverted.stdout).toMatch(
      /^reverted release r7 \([0-9a-f]{12}\) on agent-cicd\/rollback-r7: [0-9a-f]{12}\n$/,
    );

    await writeFile(join(repo, 'k8s/extra.yaml'), 'kind: ConfigMap\n');
    const dirty = await runCli([...args, '--branch', 'other']);
    expect(dirty.exitCode).toBe(2);
    expect(dirty.stderr).toMatch(/^error\[AGENT_CICD_DEPLOY_INVALID_INPUT\] .*k8s\/extra\.yaml.*uncommitted changes/);
    expect(await git('branch', '--list', 'other')).toBe('');
  });
});
