import { ExitCode } from '../exit-code.js';
import { type ClusterFlags, withClusterOptions } from './deploy-options.js';
import type { RegisterCommand } from './types.js';

interface RollbackFlags extends ClusterFlags {
  to?: string;
  deployment?: string;
  container?: string;
  metricsFile?: string;
}

/**
 * `agent-cicd rollback [--to RELEASE]`: the seed's triple rollback — image, prompt and model config of an
 * earlier release restored together in one rollout, verified, and recorded in the release history.
 */
export const registerRollbackCommand: RegisterCommand = (program, io, state) => {
  withClusterOptions(program.command('rollback'))
    .description(
      'restore an earlier release (image + prompt + model config together) from the release history; exit 0 restored and verified, 1 not verified, 2 invalid input',
    )
    .option('--to <release>', 'release id to restore (default: the release live before the current one)')
    .option('--deployment <name>', 'Deployment to restore (default: --app)')
    .option('--container <name>', 'container name in the pod (default: --app)')
    .option('--metrics-file <file>', 'write the rollback metrics (Prometheus text format) to this file')
    .action(async (flags: RollbackFlags) => {
      // Loaded on use, so --help and other subcommands do not pay for the rollout modules at startup.
      const { createDeployMetrics, rollbackRelease } = await import('@agent-cicd/deploy-gates');
      const { kubectlFor, releaseStoreFor, writeMetrics } = await import('./deploy-runtime.js');
      const kubectl = kubectlFor(flags, io);
      const store = releaseStoreFor(flags, io, kubectl);
      const result = await rollbackRelease({
        kubectl,
        store,
        app: flags.app,
        timeout: flags.timeout,
        ...(flags.to === undefined ? {} : { to: flags.to }),
        ...(flags.deployment === undefined ? {} : { deployment: flags.deployment }),
        ...(flags.container === undefined ? {} : { container: flags.container }),
      });
      const metrics = createDeployMetrics();
      metrics.recordRollback({ app: flags.app, reason: 'manual' });
      await writeMetrics(flags.metricsFile, io, metrics);
      const dryRun = kubectl.runner.dryRun;
      const check = dryRun ? 'dry-run, not verified' : result.verified ? 'verified' : 'NOT verified';
      const { release } = result;
      io.stdout(
        flags.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `rolled back ${flags.app} from ${result.from ?? '(unknown)'} to ${release.id}: image ${release.image}, prompt ${release.prompt.name}@${release.prompt.version}, model ${release.model.llmModel} (${check})${result.problems.map((p) => `\n  - ${p}`).join('')}\n`,
      );
      state.exitCode = result.verified || dryRun ? ExitCode.ok : ExitCode.failed;
    });
};
