import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { execaExec } from '../exec/exec.js';
import { createReleaseBundle } from '../release/release-bundle.js';
import { releaseToGitops, revertGitopsRelease } from './gitops-release.js';

const digest = `ghcr.io/acme/support-agent@sha256:${'c'.repeat(64)}`;
const release = createReleaseBundle({
  id: 'r42',
  image: digest,
  prompt: { name: 'support', version: 'v2', hash: 'sha256:abc' },
  model: { llmModel: 'gpt-4o', llmTemperature: 0.2, maxTokens: 800 },
});

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: support-agent
spec:
  replicas: 2
  selector: { matchLabels: { app: support-agent } }
  template:
    metadata: { labels: { app: support-agent } }
    spec:
      containers:
        - name: support-agent
          image: ghcr.io/acme/support-agent:1.0.0
          envFrom:
            - configMapRef: { name: support-agent-release }
`;
const kustomization = `# The support agent in production (Argo CD syncs this directory).
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: agents
resources:
  - deployment.yaml
`;

let repo: string;
const git = async (...args: string[]) => {
  const result = await execaExec('git', ['-C', repo, ...args], { timeoutMs: 30_000 });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};
const render = async (): Promise<Array<Record<string, any>>> => {
  const result = await execaExec('kubectl', ['kustomize', join(repo, 'deploy')], { timeoutMs: 60_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJSON());
};

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'agent-cicd-gitops-'));
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'dev@acme.example');
  await git('config', 'user.name', 'Dev');
  await execaExec('mkdir', ['-p', join(repo, 'deploy')], {});
  await writeFile(join(repo, 'deploy/deployment.yaml'), deployment);
  await writeFile(join(repo, 'deploy/kustomization.yaml'), kustomization);
  await git('add', '.');
  await git('commit', '-q', '-m', 'initial manifests');
});
afterEach(() => rm(repo, { recursive: true, force: true }));

describe('GitOps releases', { timeout: 120_000 }, () => {
  it('commits the release into the kustomization on a branch, and kubectl kustomize renders it', async () => {
    const result = await releaseToGitops({
      repoDir: repo,
      path: 'deploy',
      app: 'support-agent',
      release,
      evidence: ['gate: PROMOTE (32/32 vs 29/32, non-inferiority shown)', 'canary: promoted after 3 looks'],
    });
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('agent-cicd/release-r42');
    const message = await git('log', '-1', '--format=%B');
    expect(message).toMatch(/^release r42: support@v2 on gpt-4o\n/);
    expect(message).toContain('- gate: PROMOTE (32/32 vs 29/32, non-inferiority shown)');
    expect(message).toMatch(/Agent-Cicd-Release: r42$/);
    expect(await git('diff', '--name-only', 'main', 'HEAD')).toBe('deploy/kustomization.yaml');
    const text = await readFile(join(repo, 'deploy/kustomization.yaml'), 'utf8');
    expect(text.startsWith('# The support agent in production')).toBe(true);

    const objects = await render();
    const dep = objects.find((o) => o.kind === 'Deployment');
    const config = objects.find((o) => o.kind === 'ConfigMap');
    expect(dep?.spec.template.spec.containers[0].image).toBe(digest);
    expect(dep?.spec.template.metadata.annotations).toEqual({ 'agent-cicd.dev/release': 'r42' });
    expect(config?.metadata.name).toMatch(/^support-agent-release-[a-z0-9]+$/);
    expect(dep?.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(config?.metadata.name);
    expect(config?.data).toMatchObject({
      PROMPT_VERSION: 'v2',
      LLM_MODEL: 'gpt-4o',
      MAX_TOKENS: '800',
      RELEASE_ID: 'r42',
    });

    // A second release replaces the entries instead of adding new ones.
    await git('switch', '-q', 'main');
    await git('merge', '-q', '--ff-only', 'agent-cicd/release-r42');
    const next = createReleaseBundle({ ...release, id: 'r43', prompt: { ...release.prompt, version: 'v3' } });
    await releaseToGitops({ repoDir: repo, path: 'deploy', app: 'support-agent', release: next });
    const after = await readFile(join(repo, 'deploy/kustomization.yaml'), 'utf8');
    expect(
      after.match(/configMapGenerator|name: ghcr.io\/acme\/support-agent|agent-cicd: release annotation/g),
    ).toHaveLength(3);

    // Rollback is the revert commit.
    await git('switch', '-q', 'main');
    await git('merge', '-q', '--ff-only', 'agent-cicd/release-r43');
    const revert = await revertGitopsRelease({ repoDir: repo });
    expect(revert).toMatchObject({ release: 'r43', branch: 'agent-cicd/rollback-r43', dryRun: false });
    expect(await git('log', '-1', '--format=%s')).toMatch(/^Revert "release r43/);
    const rolledBack = (await render()).find((o) => o.kind === 'ConfigMap');
    expect(rolledBack?.data.PROMPT_VERSION).toBe('v2');
  });

  it('plans without changing anything in dry-run', async () => {
    const head = await git('rev-parse', 'HEAD');
    const result = await releaseToGitops({
      repoDir: repo,
      path: 'deploy',
      app: 'support-agent',
      release,
      dryRun: true,
    });
    expect(result.dryRun).toBe(true);
    expect(result.plan.after).toContain(`digest: sha256:${'c'.repeat(64)}`);
    expect(result.plan.commands[0]).toBe('git switch -c agent-cicd/release-r42');
    expect(await git('rev-parse', 'HEAD')).toBe(head);
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('branch', '--list', 'agent-cicd/*')).toBe('');
  });

  it('refuses a dirty tree, a missing or broken kustomization and an existing branch, naming the file, changing nothing', async () => {
    const head = await git('rev-parse', 'HEAD');
    const attempt = (path = 'deploy') => releaseToGitops({ repoDir: repo, path, app: 'support-agent', release });

    await writeFile(join(repo, 'deploy/deployment.yaml'), `${deployment}# local edit\n`);
    await expect(attempt()).rejects.toMatchObject({ location: { file: join(repo, 'deploy/deployment.yaml') } });
    await git('checkout', '--', 'deploy/deployment.yaml');

    await expect(attempt('nowhere')).rejects.toMatchObject({
      message: expect.stringMatching(/no kustomization.yaml/),
      location: { file: join(repo, 'nowhere/kustomization.yaml') },
    });

    await writeFile(join(repo, 'deploy/kustomization.yaml'), 'resources: [deployment.yaml\n');
    await git('commit', '-q', '-am', 'broken');
    const broken = await attempt().catch((error: unknown) => error);
    expect(broken).toMatchObject({
      location: { file: join(repo, 'deploy/kustomization.yaml'), line: expect.any(Number) },
    });
    await git('reset', '-q', '--hard', head);

    // Through core's guarded loader: an alias bomb and bytes that are not UTF-8 are located errors too.
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcd'.split('').map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abc'[i]}`).join(', ')}]`),
    ];
    await writeFile(join(repo, 'deploy/kustomization.yaml'), `${kustomization}${bomb.join('\n')}\n`);
    await git('commit', '-q', '-am', 'bomb');
    expect(await attempt().catch((error: unknown) => error)).toMatchObject({
      code: 'AGENT_CICD_PARSE_ERROR',
      message: expect.stringMatching(/alias bomb/),
      location: { file: join(repo, 'deploy/kustomization.yaml'), line: 8, column: 8 },
    });
    await writeFile(join(repo, 'deploy/kustomization.yaml'), Buffer.from(`${kustomization}# caf\xe9\n`, 'latin1'));
    await git('commit', '-q', '-am', 'latin1');
    expect(await attempt().catch((error: unknown) => error)).toMatchObject({
      code: 'AGENT_CICD_FILE_NOT_UTF8',
      location: { file: join(repo, 'deploy/kustomization.yaml'), line: 7, column: 6 },
    });
    await git('reset', '-q', '--hard', head);

    await git('branch', 'agent-cicd/release-r42');
    await expect(attempt()).rejects.toThrow(/branch agent-cicd\/release-r42 already exists/);
    expect(await git('rev-parse', 'HEAD')).toBe(head);
    expect(await git('status', '--porcelain')).toBe('');
    expect(await readFile(join(repo, 'deploy/kustomization.yaml'), 'utf8')).toBe(kustomization);
    await expect(revertGitopsRelease({ repoDir: repo })).rejects.toThrow(/no release commit on HEAD/);
  });
});
