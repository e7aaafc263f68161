import { resolve } from 'node:path';
import { ExitCode } from '../exit-code.js';
import { optionalIntegerOption } from '../options/parse-option-values.js';
import type { RegisterCommand } from './types.js';

interface ScanFlags {
  cwd?: string;
  config?: string;
  tier?: string;
  seed?: string;
  probes: boolean;
  json?: boolean;
}

/** `agent-cicd scan`: the security scan of the pipeline's security_scan stage, on its own. */
export const registerScanCommand: RegisterCommand = (program, io, state) => {
  program
    .command('scan')
    .description(
      'security scan: secrets in prompts, configs, suites and cassettes; the tier tool policy; prompt-injection probes against the suites’ targets',
    )
    .option('--cwd <dir>', 'the agent project (default: the current directory)')
    .option('--config <file>', 'config file (default: agent-cicd.config.* found from --cwd)')
    .option('--tier <name>', 'tier the injection probes run on', 'dev')
    .option('--seed <n>', 'seed of the mock LLM')
    .option('--no-probes', 'skip the prompt-injection probes')
    .option('--json', 'print the findings as JSON')
    .addHelpText('after', '\nExit codes: 0 no finding at failOn (default high), 1 findings, 2 invalid input.')
    .action(async (flags: ScanFlags) => {
      const { loadConfig } = await import('@agent-cicd/core');
      const { scanProject, formatFinding } = await import('@agent-cicd/deploy-gates/pipeline');
      const cwd = resolve(io.cwd, flags.cwd ?? '.');
      const configFile = flags.config === undefined ? undefined : resolve(io.cwd, flags.config);
      const { config } = await loadConfig({ cwd, file: configFile });
      const seed = optionalIntegerOption(flags.seed, '--seed');
      const result = await scanProject({
        ...((config.pipeline?.options?.security_scan ?? {}) as object),
        ...(flags.probes ? {} : { probes: false }),
        cwd,
        env: io.env,
        configFile,
        tier: flags.tier,
        seed,
      });
      if (flags.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const finding of result.findings) io.stdout(`${formatFinding(finding)}\n`);
        const { high, medium, low } = result.counts;
        io.stdout(`${result.findings.length} findings: ${high} high, ${medium} medium, ${low} low\n`);
      }
      state.exitCode = result.failed ? ExitCode.failed : ExitCode.ok;
    });
};
