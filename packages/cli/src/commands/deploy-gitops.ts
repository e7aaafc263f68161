import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import type { CliState } from './types.js';

interface GitopsFlags {
  release?: string;
  app: string;
  path: string;
  imageName?: string;
  deployment?: string;
  configMap?: string;
  branch?: string;
  evidence?: string;
  revert?: boolean | string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * Evidence lines for the commit message from a gate decision JSON (`agent-cicd gate --json`), read through core's
 * guarded loader (size, UTF-8, syntax, depth: located errors); a decision of the wrong shape is invalid input at
 * its field.
 */
async function evidenceLines(file: string, cwd: string): Promise<string[]> {
  const { resolve } = await import('node:path');
  const { AgentCicdError } = await import('@agent-cicd/core/errors');
  const { formatPath, loadSourceFile } = await import('@agent-cicd/core/source');
  const doc = await loadSourceFile(resolve(cwd, file), { name: file });
  const invalid = (path: Array<string | number>, message: string): never => {
    throw new AgentCicdError('AGENT_CICD_DEPLOY_INVALID_INPUT', `not a gate decision: ${message}`, {
      location: {
        file,
        ...doc.locate(path),
        ...(path.length > 0 ? { path: formatPath(path) } : {}),
      },
    });
  };
  const decision = doc.value as { action?: unknown; reasons?: unknown; evidence?: unknown };
  if (typeof decision !== 'object' || decision === null || Array.isArray(decision)) invalid([], 'expected an object');
  if (decision.action !== undefined && typeof decision.action !== 'string') invalid(['action'], 'expected a string');
  const reasons = decision.reasons ?? [];
  if (!Array.isArray(reasons) || reasons.some((r) => typeof r !== 'string'))
    invalid(['reasons'], 'expected a list of strings');
  const evidence = decision.evidence ?? [];
  if (!Array.isArray(evidence)) invalid(['evidence'], 'expected a list');
  const rows = (evidence as unknown[]).map((row, i) => {
    const { check, verdict } = (row ?? {}) as { check?: unknown; verdict?: unknown };
    if (typeof check !== 'string' || typeof verdict !== 'string')
      invalid(['evidence', i], 'expected { check, verdict } strings');
    return `${check}: ${verdict}`;
  });
  return [
    `gate: ${String(decision.action ?? 'unknown').toUpperCase()} — ${(reasons as string[])[0] ?? ''}`.trim(),
    ...rows,
  ];
}

/** `agent-cicd deploy gitops <repo-dir>`: the release as a commit on a branch of the user's manifests repository. */
export function registerGitops(deploy: Command, io: CliIo, state: CliState): void {
  deploy
    .command('gitops')
    .argument('<repo-dir>', 'git working tree of your manifests (Argo CD / Flux sync it)')
    .description(
      'write the release (image digest, prompt version, model config) into your kustomization and commit it on a branch; --revert commits the rollback; exit 0 committed, 2 invalid input',
    )
    .option('--release <file>', 'release bundle JSON (image, prompt, model)')
    .requiredOption('--app <name>', 'app name: the Deployment to annotate and the <app>-release ConfigMap')
    .option('--path <dir>', 'directory of kustomization.yaml inside the repository', '.')
    .option('--image-name <name>', "the image name your manifests use (default: the release image's repository)")
    .option('--deployment <name>', 'Deployment carrying the release annotation (default: --app)')
    .option('--config-map <name>', 'generated prompt/model ConfigMap (default: <app>-release)')
    .option('--branch <name>', 'branch to commit on (default: agent-cicd/release-<id>)')
    .option('--evidence <decision.json>', 'the gate decision (agent-cicd gate --json) to name in the commit message')
    .option('--revert [release]', 'commit the revert of the newest (or the given) release commit instead')
    .option('--dry-run', 'print the plan (kustomization after the change, git commands) and change nothing')
    .option('--json', 'print the result as JSON')
    .action(async (repoDir: string, flags: GitopsFlags) => {
      const { releaseToGitops, revertGitopsRelease, ReleaseBundleSchema } = await import(
        '@agent-cicd/deploy-gates/releases'
      );
      const { AgentCicdError } = await import('@agent-cicd/core/errors');
      const { resolve } = await import('node:path');
      const dir = resolve(io.cwd, repoDir);
      if (flags.revert !== undefined) {
        const result = await revertGitopsRelease({
          repoDir: dir,
          ...(typeof flags.revert === 'string' ? { release: flags.revert } : {}),
          ...(flags.branch ? { branch: flags.branch } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
        });
        io.stdout(
          flags.json
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${result.dryRun ? 'would revert' : 'reverted'} release ${result.release} (${result.reverted.slice(0, 12)}) on ${result.branch}${result.commit ? `: ${result.commit.slice(0, 12)}` : ''}\n${result.dryRun ? result.commands.map((c) => `  ${c}\n`).join('') : ''}`,
        );
        state.exitCode = ExitCode.ok;
        return;
      }
      if (!flags.release)
        throw new AgentCicdError(
          'AGENT_CICD_DEPLOY_INVALID_INPUT',
          'deploy gitops needs --release <file> (or --revert)',
        );
      // Core's guarded loader (size, UTF-8, syntax, depth), then the schema at file:line:col path.
      const { loadSourceFile, validateSource } = await import('@agent-cicd/core/source');
      const release = validateSource(
        await loadSourceFile(resolve(io.cwd, flags.release), { name: flags.release }),
        ReleaseBundleSchema,
        'AGENT_CICD_DEPLOY_INVALID_INPUT',
      );
      const result = await releaseToGitops({
        repoDir: dir,
        release,
        app: flags.app,
        path: flags.path,
        ...(flags.imageName ? { imageName: flags.imageName } : {}),
        ...(flags.deployment ? { deployment: flags.deployment } : {}),
        ...(flags.configMap ? { configMap: flags.configMap } : {}),
        ...(flags.branch ? { branch: flags.branch } : {}),
        ...(flags.evidence ? { evidence: await evidenceLines(flags.evidence, io.cwd) } : {}),
        ...(flags.dryRun ? { dryRun: true } : {}),
      });
      if (flags.json)
        io.stdout(`${JSON.stringify({ ...result, plan: { ...result.plan, before: undefined } }, null, 2)}\n`);
      else if (result.dryRun)
        io.stdout(`${result.plan.commands.join('\n')}\n--- ${result.plan.kustomization} after:\n${result.plan.after}`);
      else io.stdout(`committed release ${release.id} on ${result.plan.branch}: ${result.commit?.slice(0, 12)}\n`);
      state.exitCode = ExitCode.ok;
    });
}
