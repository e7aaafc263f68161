import { relative } from 'node:path';
import type { RegisterCommand } from './types.js';

/** `agent-cicd config`: which config file and tier apply here, and the tier's resolved settings. */
export const registerConfigCommand: RegisterCommand = (program, io) => {
  program
    .command('config')
    .description('print the config file, the selected tier and its resolved settings (JSON)')
    .option('--tier <name>', 'dev | staging | canary | production (default: $AGENT_CICD_TIER, $DEPLOYMENT_ENV, dev)')
    .option('--config <path>', 'the agent-cicd config file (default: searched from the current directory)')
    .action(async (options: { tier?: string; config?: string }) => {
      const { loadConfig, resolveTier } = await import('@agent-cicd/core');
      const { tier, source } = resolveTier({ flag: options.tier, env: io.env });
      const loaded = await loadConfig({ cwd: io.cwd, file: options.config });
      const shown = {
        file: loaded.file === undefined ? null : relative(io.cwd, loaded.file) || loaded.file,
        tier,
        tierSource: source,
        settings: loaded.config.tiers[tier],
      };
      io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    });
};
