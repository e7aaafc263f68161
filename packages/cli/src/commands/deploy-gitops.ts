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

/** Evidence lines for the commit message from a gate decision JSON (`agent-cicd gate --json`). */
async function evidenceLines(file: string, cwd: string): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  const { AgentCicdError } = await import('@agent-cicd/core/errors');
  let decision: { action?: string; reasons?: string[]; evidence?: Array<{ check: string; verdict: string }> };
  try {
    decision = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
  } catch (cause) {
    throw new AgentCicdError(
      'AGENT_CICD_DEPLOY_INVALID_INPUT',
      `cannot read the evidence: ${(cause as Error).message}`,
      {
        cause,
        location: { file },
      },
    );
  }
  return [
    `gate: ${String(decision.action ?? 'unknown').toUpperCase()} — ${(decision.reasons ?? [])[0] ?? ''}`.trim(),
    ...(decision.evidence ?? []).map((row) => `${row.check}: ${row.verdict}`),
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
      const { readFile } = await import('node:fs/promises');
      const file = resolve(io.cwd, flags.release);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8'));
      } catch (cause) {
        throw new AgentCicdError(
          'AGENT_CICD_DEPLOY_INVALID_INPUT',
          `cannot read the release bundle: ${(cause as Error).message}`,
          {
            cause,
            location: { file },
          },
        );
      }
      const parsed = ReleaseBundleSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AgentCicdError(
          'AGENT_CICD_DEPLOY_INVALID_INPUT',
          `not a valid release bundle: ${issue?.message ?? ''}`,
          {
            location: { file, path: issue?.path.join('.') ?? '' },
          },
        );
      }
      const result = await releaseToGitops({
        repoDir: dir,
        release: parsed.data,
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
      else io.stdout(`committed release ${parsed.data.id} on ${result.plan.branch}: ${result.commit?.slice(0, 12)}\n`);
      state.exitCode = ExitCode.ok;
    });
}
