import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import type { CliState, RegisterCommand } from './types.js';

interface CanaryFlags {
  app: string;
  namespace?: string;
  context?: string;
  historyConfigmap?: string;
  dryRun?: boolean;
  json?: boolean;
  reason?: string;
  by?: string;
}

const withOptions = (command: Command): Command =>
  command
    .requiredOption('--app <name>', 'app whose canary to steer')
    .option('-n, --namespace <namespace>', 'Kubernetes namespace (kubectl -n)')
    .option('--context <context>', 'kubeconfig context (kubectl --context)')
    .option(
      '--history-configmap <name>',
      'the release history ConfigMap (default: <app>-releases); the canary state is <name>-canary',
    )
    .option('--json', 'print the result as JSON (for chat-ops bots)');

const cluster = (flags: CanaryFlags) => ({
  app: flags.app,
  namespace: flags.namespace,
  context: flags.context,
  historyConfigMap: flags.historyConfigmap,
  dryRun: flags.dryRun,
});

const verbs = {
  pause: 'hold the canary at its current weight: no analysis, no step, until resumed',
  resume: 'let a paused canary go on analysing and stepping',
  promote: 'promote the canary to 100% at its next look, whatever the analysis says',
  abort: 'roll the canary back at its next look (weight 0, stable restored)',
} as const;

async function status(flags: CanaryFlags, io: CliIo, state: CliState): Promise<void> {
  const { canaryStatus } = await import('@agent-cicd/deploy-gates/live');
  const result = await canaryStatus(cluster(flags), { cwd: io.cwd, env: io.env });
  if (flags.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (!result.status) io.stdout(`no canary of ${flags.app} recorded in ${result.where}\n`);
  else {
    const s = result.status;
    io.stdout(
      `${flags.app}: ${s.state} at ${s.weight}% (steps ${s.steps.join(' → ')})${s.release ? `, release ${s.release}` : ''}\n` +
        `last analysis: ${s.lastAction ?? 'none yet'} (updated ${s.updatedAt})\n` +
        s.reasons.map((reason) => `  - ${reason}\n`).join('') +
        (result.pendingCommand ? `pending command: ${result.pendingCommand}\n` : ''),
    );
  }
  state.exitCode = result.status ? ExitCode.ok : ExitCode.failed;
}

/**
 * `agent-cicd canary status|pause|resume|promote|abort --app NAME`: read or steer a running canary through the
 * state kept beside the release history. Exit codes: 0 done (or already so), 1 refused (no running canary, or
 * a promote/abort already pending; `status`: no canary recorded), 2 invalid input.
 */
export const registerCanaryCommand: RegisterCommand = (program, io, state) => {
  const canary = program
    .command('canary')
    .description(
      'show or steer a running canary (status, pause, resume, promote, abort); exit 0 done, 1 refused, 2 invalid input',
    );
  withOptions(
    canary.command('status').description('print the canary state, weight, last analysis and pending command'),
  ).action((flags: CanaryFlags) => status(flags, io, state));
  for (const action of ['pause', 'resume', 'promote', 'abort'] as const) {
    withOptions(canary.command(action).description(verbs[action]))
      .option('--reason <text>', 'why (recorded with the command and shown in the status)')
      .option('--by <who>', 'who asks (default: $GITHUB_ACTOR or $USER)')
      .option('--dry-run', 'print the plan and the kubectl command, write nothing')
      .action(async (flags: CanaryFlags) => {
        const { controlCanary } = await import('@agent-cicd/deploy-gates/live');
        const by = flags.by ?? io.env.GITHUB_ACTOR ?? io.env.USER;
        const result = await controlCanary(
          cluster(flags),
          { action, ...(flags.reason ? { reason: flags.reason } : {}), ...(by ? { by } : {}) },
          { cwd: io.cwd, env: io.env },
        );
        const { plan } = result;
        if (flags.json) {
          io.stdout(
            `${JSON.stringify({ app: plan.app, action, verdict: plan.verdict, applied: result.applied, dryRun: result.dryRun, message: plan.message, command: plan.command, status: plan.status, kubectl: result.commands }, null, 2)}\n`,
          );
        } else {
          const prefix =
            plan.verdict === 'refuse' ? 'refused: ' : plan.verdict === 'noop' ? '' : result.dryRun ? 'would ' : '';
          io.stdout(`${prefix}${plan.message}${result.dryRun && plan.verdict === 'apply' ? ' (dry run)' : ''}\n`);
          if (result.dryRun) for (const line of result.commands) io.stdout(`  ${line}\n`);
        }
        state.exitCode = plan.verdict === 'refuse' ? ExitCode.failed : ExitCode.ok;
      });
  }
};
