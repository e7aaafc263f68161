import { Option } from 'commander';
import { type ClusterFlags, withClusterOptions } from './deploy-options.js';
import type { RegisterCommand } from './types.js';

interface RollbackFlags extends ClusterFlags {
  to?: string;
  strategy: 'auto' | 'rolling' | 'blue-green';
  deployment?: string;
  container?: string;
  service?: string;
  colorLabel: string;
  keepWarm: string;
  metricsFile?: string;
}

/**
 * `agent-cicd rollback [--to RELEASE]`: the seed's triple rollback — image, prompt and model config of an
 * earlier release restored together (in place, or on the idle blue-green colour), verified, and recorded.
 */
export const registerRollbackCommand: RegisterCommand = (program, io, state) => {
  withClusterOptions(program.command('rollback'))
    .description(
      'restore an earlier release (image + prompt + model config together) from the release history; exit 0 restored and verified, 1 undone after a failure, 2 invalid input (nothing changed), 4 the cluster failed part-way',
    )
    .option('--to <release>', 'release id to restore (default: the release live before the current one)')
    .addOption(
      new Option('--strategy <strategy>', 'rolling (patch the Deployment) or blue-green (idle colour + switch)')
        .choices(['auto', 'rolling', 'blue-green'])
        .default('auto'),
    )
    .option('--deployment <name>', 'rolling: Deployment to restore (default: --app)')
    .option('--container <name>', 'container name in the pod (default: the only one, or --app)')
    .option('--service <name>', 'blue-green: the Service whose selector picks the colour (default: --app)')
    .option('--color-label <key>', 'blue-green: selector label holding the colour', 'color')
    .option('--keep-warm <n>', 'blue-green: replicas the colour rolled back from keeps', '1')
    .option('--metrics-file <file>', 'write the rollback metrics (Prometheus text format) to this file')
    .action(async (flags: RollbackFlags) => {
      // Loaded on use, so --help and other subcommands do not pay for the rollout modules at startup.
      const { rollBack } = await import('@agent-cicd/deploy-gates');
      const { clusterInput, finishWorkflow, metricsFileFor, parseCount, workflowIo } = await import(
        './deploy-runtime.js'
      );
      metricsFileFor(flags, io);
      const outcome = await rollBack(
        {
          ...clusterInput(flags),
          to: flags.to,
          strategy: flags.strategy,
          deployment: flags.deployment,
          container: flags.container,
          service: flags.service,
          colorLabel: flags.colorLabel,
          keepWarm: parseCount(flags.keepWarm, '--keep-warm'),
        },
        workflowIo(io),
      );
      await finishWorkflow(outcome, flags, io, state, { strategy: 'rollback' });
    });
};
