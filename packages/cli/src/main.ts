import { AgentCicdError, formatUserError } from '@agent-cicd/core/errors';
import { Command, CommanderError } from 'commander';
import { type CliIo, defaultIo } from './cli-io.js';
import { registerApproveCommand } from './commands/approve.js';
import { registerCanaryCommand } from './commands/canary.js';
import { registerConfigCommand } from './commands/config.js';
import { registerDeployCommand } from './commands/deploy.js';
import { registerGateCommand } from './commands/gate.js';
import { registerInitCommand } from './commands/init.js';
import { registerLintCommand } from './commands/lint.js';
import { registerManifestCommand } from './commands/manifest.js';
import { registerMockServerCommand } from './commands/mock-server.js';
import { registerPipelineCommand } from './commands/pipeline.js';
import { registerReportCommand } from './commands/report.js';
import { registerRollbackCommand } from './commands/rollback.js';
import { registerRunCommand } from './commands/run.js';
import { registerScanCommand } from './commands/scan.js';
import { registerSlaCommand } from './commands/sla.js';
import type { RegisterCommand } from './commands/types.js';
import { ExitCode } from './exit-code.js';
import { oneLine } from './one-line.js';
import { cliVersion } from './version.js';

/** One line per subcommand; each lives in `commands/<name>.ts`. */
const commands: RegisterCommand[] = [
  registerLintCommand,
  registerManifestCommand,
  registerConfigCommand,
  registerRunCommand,
  registerGateCommand,
  registerReportCommand,
  registerDeployCommand,
  registerRollbackCommand,
  registerMockServerCommand,
  registerPipelineCommand,
  registerInitCommand,
  registerApproveCommand,
  registerScanCommand,
  registerCanaryCommand,
  registerSlaCommand,
];

/** `error: unknown option '--tirals'\n(Did you mean --trials?)` → `error[AGENT_CICD_USAGE] unknown option '--tirals' (did you mean --trials?)`. */
export function formatUsageError(text: string): string {
  const message = text
    .trim()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean/g, ' (did you mean')
    .split('\n')
    .join(' ');
  return `error[AGENT_CICD_USAGE] ${oneLine(message)}`;
}

/** Builds the command tree. Each subcommand sets `state.exitCode`. */
export function createProgram(io: CliIo, state: { exitCode: number }): Command {
  const program = new Command('agent-cicd')
    .description('Test, gate and roll out AI-agent changes like code.')
    .version(cliVersion(), '-V, --version', 'print the version of @agent-cicd/cli')
    .option('--debug', 'print stack traces for unexpected errors')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander's own usage errors, as every other bad input: one line with a code.
      outputError: (text, write) => write(`${formatUsageError(text)}\n`),
    });
  for (const register of commands) register(program, io, state);
  return program;
}

/** Runs the CLI and resolves to the exit code; never throws for user mistakes. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const state = { exitCode: ExitCode.ok as number };
  const program = createProgram(io, state);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : ExitCode.invalidInput;
    }
    if (error instanceof AgentCicdError) {
      io.stderr(`error[${error.code}] ${oneLine(formatUserError(error))}\n`);
      return ExitCode.invalidInput;
    }
    const debug = argv.includes('--debug');
    io.stderr(
      debug && error instanceof Error
        ? `${error.stack}\n`
        : `error: ${oneLine(String(error instanceof Error ? error.message : error))}\n`,
    );
    return ExitCode.failed;
  }
}
