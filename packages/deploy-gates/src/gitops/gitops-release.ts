import { randomBytes } from 'node:crypto';
import { rename, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core';
import { parseYamlSource, readTextFile } from '@agent-cicd/core/source';
import { DeployErrorCode, InvalidInputError } from '../errors.js';
import type { ExecFn } from '../exec/exec.js';
import type { ReleaseBundle } from '../release/release-bundle.js';
import { assertDnsSubdomain } from '../validate/validate.js';
import { createGit, type Git } from './git.js';
import { applyReleaseToKustomization, parseKustomization } from './kustomization-edit.js';

/** The trailer naming the release in a GitOps commit (how a rollback finds the commit to revert). */
export const releaseTrailer = 'Agent-Cicd-Release';

export interface GitopsReleaseOptions {
  /** The git working tree of the user's manifests. */
  repoDir: string;
  release: ReleaseBundle;
  /** Directory of the kustomization, relative to the repo. @default '.' */
  path?: string;
  /** @default the release's app name: `app` */
  app: string;
  /** The image name the manifests use. @default the release image's repository */
  imageName?: string;
  /** The Deployment to annotate. @default `app` */
  deployment?: string;
  /** The generated prompt/model ConfigMap. @default `<app>-release` */
  configMap?: string;
  /** @default `agent-cicd/release-<id>` */
  branch?: string;
  /** Lines of evidence for the commit message (e.g. the gate's decision and its checks). */
  evidence?: string[];
  dryRun?: boolean;
  exec?: ExecFn;
  env?: Record<string, string | undefined>;
}

export interface GitopsPlan {
  repoDir: string;
  kustomization: string;
  branch: string;
  message: string;
  /** The kustomization before and after. */
  before: string;
  after: string;
  commands: string[];
}

export interface GitopsResult {
  plan: GitopsPlan;
  dryRun: boolean;
  /** The commit made (absent in dry-run). */
  commit?: string;
}

const fail = (message: string, file: string, extra: { line?: number; column?: number } = {}): never => {
  throw new AgentCicdError(DeployErrorCode.invalidInput, message, { location: { file, ...extra } });
};

/** Validation shared by release and revert: a git working tree without uncommitted changes. */
async function assertCleanTree(git: Git, repoDir: string): Promise<void> {
  const inside = await git.run(['rev-parse', '--is-inside-work-tree'], { allowFailure: true });
  if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') fail('not a git working tree', repoDir);
  const status = await git.run(['status', '--porcelain', '--untracked-files=all']);
  const first = status.stdout.split('\n').find((line) => line.trim() !== '');
  if (first !== undefined) {
    fail(
      `the working tree has uncommitted changes (${first.trim()}); commit or stash them first`,
      join(repoDir, first.slice(3).trim()),
    );
  }
}

async function assertNewBranch(git: Git, branch: string, repoDir: string): Promise<void> {
  const format = await git.run(['check-ref-format', '--branch', branch], { allowFailure: true });
  if (format.exitCode !== 0) throw new InvalidInputError(`"${branch}" is not a valid branch name`);
  const exists = await git.run(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { allowFailure: true });
  if (exists.exitCode === 0) fail(`branch ${branch} already exists`, repoDir);
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

function commitMessage(options: GitopsReleaseOptions): string {
  const { release } = options;
  const evidence = options.evidence ?? [];
  return [
    `release ${release.id}: ${release.prompt.name}@${release.prompt.version} on ${release.model.llmModel}`,
    '',
    `image:  ${release.image}`,
    `prompt: ${release.prompt.name}@${release.prompt.version} (${release.prompt.hash})`,
    `model:  ${release.model.llmModel}${release.model.llmTemperature === undefined ? '' : `, temperature ${release.model.llmTemperature}`}${release.model.maxTokens === undefined ? '' : `, max tokens ${release.model.maxTokens}`}`,
    '',
    'Evidence:',
    ...(evidence.length > 0 ? evidence.map((line) => `- ${line}`) : ['- (none given)']),
    '',
    `${releaseTrailer}: ${release.id}`,
  ].join('\n');
}

/**
 * A GitOps release: the release (image digest, prompt version, model config) is written into the user's
 * kustomization on a new branch and committed with a message naming the evidence; Argo CD or Flux syncs it once
 * merged. Everything is validated before anything changes — a git working tree, no uncommitted changes, a
 * kustomization that parses, a valid and new branch name — and `dryRun` returns the plan (the kustomization
 * before and after, the git commands) without touching the tree.
 */
export async function releaseToGitops(options: GitopsReleaseOptions): Promise<GitopsResult> {
  const repoDir = resolve(options.repoDir);
  const git = createGit(repoDir, options.exec, options.env);
  const app = assertDnsSubdomain(options.app, 'app name');
  await assertCleanTree(git, repoDir);
  const dir = resolve(repoDir, options.path ?? '.');
  if (relative(repoDir, dir).startsWith('..')) fail('the kustomization path leaves the repository', dir);
  const candidates = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((name) => join(dir, name));
  const found = (
    await Promise.all(
      candidates.map((file) =>
        stat(file).then(
          () => file,
          () => undefined,
        ),
      ),
    )
  ).find(Boolean);
  if (found === undefined)
    fail('no kustomization.yaml here: GitOps releases edit a kustomization', join(dir, 'kustomization.yaml'));
  const kustomization = found as string;
  // Core's guarded loader first (size, UTF-8, syntax, depth and alias limits, located), then the editable Document.
  const before = await readTextFile(kustomization);
  parseYamlSource(before, kustomization);
  const doc = parseKustomization(before, kustomization);
  const imageName = options.imageName ?? options.release.image.split('@')[0]?.replace(/:[^/:]+$/, '') ?? '';
  const after = applyReleaseToKustomization(doc, {
    imageName,
    deployment: assertDnsSubdomain(options.deployment ?? app, 'Deployment name'),
    configMap: assertDnsSubdomain(options.configMap ?? `${app}-release`, 'ConfigMap name'),
    release: options.release,
  });
  const branch = options.branch ?? `agent-cicd/release-${options.release.id}`;
  await assertNewBranch(git, branch, repoDir);
  const message = commitMessage(options);
  const file = relative(repoDir, kustomization);
  const plan: GitopsPlan = {
    repoDir,
    kustomization,
    branch,
    message,
    before,
    after,
    commands: [
      `git switch -c ${branch}`,
      `write ${file}`,
      `git add ${file}`,
      `git commit -F - <<'MSG'\n${message}\nMSG`,
    ],
  };
  if (options.dryRun) return { plan, dryRun: true };

  await git.run(['switch', '-c', branch]);
  await writeAtomic(kustomization, after);
  await git.run(['add', '--', file]);
  const commit = await commitWith(git, ['commit', '-m', message]);
  return { plan, dryRun: false, commit };
}

/** Commits, naming agent-cicd as the author when the repository has no identity configured. */
async function commitWith(git: Git, args: string[]): Promise<string> {
  const email = await git.run(['config', 'user.email'], { allowFailure: true });
  const identity =
    email.stdout.trim() === '' ? ['-c', 'user.name=agent-cicd', '-c', 'user.email=agent-cicd@users.noreply.local'] : [];
  await git.run([...identity, ...args]);
  return (await git.run(['rev-parse', 'HEAD'])).stdout.trim();
}

export interface GitopsRevertOptions {
  repoDir: string;
  /** The release to roll back (its commit is found by the trailer); default the newest release commit on HEAD. */
  release?: string;
  /** @default `agent-cicd/rollback-<id>` */
  branch?: string;
  dryRun?: boolean;
  exec?: ExecFn;
  env?: Record<string, string | undefined>;
}

/** GitOps rollback: the revert commit of a release commit, on a new branch. Validated first, like a release. */
export async function revertGitopsRelease(options: GitopsRevertOptions): Promise<{
  release: string;
  reverted: string;
  branch: string;
  dryRun: boolean;
  commit?: string;
  commands: string[];
}> {
  const repoDir = resolve(options.repoDir);
  const git = createGit(repoDir, options.exec, options.env);
  await assertCleanTree(git, repoDir);
  const log = await git.run([
    'log',
    '--format=%H%x00%(trailers:key=' + releaseTrailer + ',valueonly,separator=%x2C)',
    'HEAD',
  ]);
  const commits = log.stdout
    .split('\n')
    .map((line) => line.split('\0'))
    .filter(([, id]) => id !== undefined && id.trim() !== '')
    .map(([sha, id]) => ({ sha: sha as string, id: (id as string).trim() }));
  const target = options.release === undefined ? commits[0] : commits.find((c) => c.id === options.release);
  if (!target) {
    fail(
      options.release === undefined
        ? 'no release commit on HEAD to revert'
        : `no commit of release ${options.release} on HEAD`,
      repoDir,
    );
  }
  const { sha, id } = target as { sha: string; id: string };
  const branch = options.branch ?? `agent-cicd/rollback-${id}`;
  await assertNewBranch(git, branch, repoDir);
  const commands = [`git switch -c ${branch}`, `git revert --no-edit ${sha}`];
  if (options.dryRun) return { release: id, reverted: sha, branch, dryRun: true, commands };
  await git.run(['switch', '-c', branch]);
  const commit = await commitWith(git, ['revert', '--no-edit', sha]);
  return { release: id, reverted: sha, branch, dryRun: false, commit, commands };
}
