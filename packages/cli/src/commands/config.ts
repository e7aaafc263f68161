import { relative } from 'node:path';
import type { RegisterCommand } from './types.js';

/** `agent-cicd config`: which config file and tier apply here, and the tier's resolved settings. */
export const registerConfigCommand: RegisterCommand = (program, io) => {
  program
    .command('config')
    .description(
      'print the config file, the selected tier, its resolved settings and its model settings (JSON, no secrets)',
    )
    .option('--tier <name>', 'dev | staging | canary | production (default: $AGENT_CICD_TIER, $DEPLOYMENT_ENV, dev)')
    .option('--config <path>', 'the agent-cicd config file (default: searched from the current directory)')
    .action(async (options: { tier?: string; config?: string }) => {
      const { describeLlmSettings, loadConfig, resolveTier } = await import('@agent-cicd/core');
      const { tier, source } = resolveTier({ flag: options.tier, env: io.env });
      const loaded = await loadConfig({ cwd: io.cwd, file: options.config });
      const shown = {
        file: loaded.file === undefined ? null : relative(io.cwd, loaded.file) || loaded.file,
        tier,
        tierSource: source,
        settings: loaded.config.tiers[tier],
        // The model the tier will call: provider, endpoint, key variable and whether it is set — no secret.
        llm: describeLlmSettings(loaded.config, tier, io.env),
      };
      io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    });
};
