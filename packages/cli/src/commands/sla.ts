import { ExitCode } from '../exit-code.js';
import { parseNumberOption } from '../options/parse-option-values.js';
import type { RegisterCommand } from './types.js';

interface SlaFlags {
  prometheus: string;
  window: string;
  target: string;
  app?: string;
  selector?: string;
  json?: boolean;
}

/**
 * `agent-cicd sla --prometheus URL --window 30d`: availability of the agent service against its target, the
 * error budget left and the burn rates, read from Prometheus. Exit 0 target met, 1 missed, 2 invalid input or
 * no data (a missing answer is never reported as met).
 */
export const registerSlaCommand: RegisterCommand = (program, io, state) => {
  program
    .command('sla')
    .description(
      'availability vs the SLO target, error budget left and burn rate from Prometheus; exit 0 met, 1 missed, 2 invalid input or no data',
    )
    .requiredOption('--prometheus <url>', 'Prometheus base URL, e.g. http://prometheus:9090')
    .option('--window <duration>', 'SLO window (a Prometheus duration)', '30d')
    .option('--target <ratio>', 'availability objective, 0–1', '0.995')
    .option('--app <name>', 'only this app (label app)')
    .option('--selector <matchers>', 'extra PromQL label matchers, e.g. namespace="prod"')
    .option('--json', 'print the report as JSON')
    .action(async (flags: SlaFlags) => {
      const { renderSlaReport, slaReport } = await import('@agent-cicd/deploy-gates/monitoring');
      const { createPrometheusClient, renderMatchers } = await import('@agent-cicd/deploy-gates/live');
      const target = parseNumberOption(flags.target, '--target', { max: 1 });
      const matchers = [flags.app === undefined ? '' : renderMatchers({ app: flags.app }), flags.selector ?? '']
        .filter(Boolean)
        .join(',');
      const report = await slaReport({
        prometheus: createPrometheusClient({ url: flags.prometheus }),
        matchers,
        window: flags.window,
        target,
      });
      io.stdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderSlaReport(report)}\n`);
      state.exitCode = report.met ? ExitCode.ok : ExitCode.failed;
    });
};
