import { CommandError, DeployErrorCode } from '../errors.js';
import { type ExecFn, type ExecOptions, execaExec } from './exec.js';
import { shellQuote } from './shell-quote.js';

/** One command the runner ran (or, in dry-run, would have run). */
export interface RecordedCommand {
  argv: string[];
  /** The shell-quoted line, e.g. `kubectl --context prod -n web apply -f -`. */
  line: string;
  /** Data sent on stdin (manifests for `apply -f -`). */
  input?: string | undefined;
  dryRun: boolean;
  /** Set once the command has run: `ok` (exit 0) or `failed`. Absent in dry-run and while it runs. */
  status?: 'ok' | 'failed';
}

export interface CommandRunnerOptions {
  /** @default execaExec */
  exec?: ExecFn;
  /** Record and print commands without running them. @default false */
  dryRun?: boolean;
  /** Called with each command before it runs (dry-run prints through this). */
  onCommand?: (command: RecordedCommand) => void;
  /** Default per-command timeout in milliseconds. @default 120000 */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
}

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
}

export interface CommandRunner {
  readonly dryRun: boolean;
  /** Every command so far, in order. */
  readonly commands: RecordedCommand[];
  /** Runs argv[0] with the rest; resolves to stdout, or `undefined` in dry-run. Throws `CommandError`. */
  run(argv: readonly string[], options?: RunOptions): Promise<string | undefined>;
}

/** Shared by the kubectl and docker wrappers: argv arrays, timeouts, typed errors, dry-run recording. */
export function createCommandRunner(options: CommandRunnerOptions = {}): CommandRunner {
  const exec = options.exec ?? execaExec;
  const dryRun = options.dryRun ?? false;
  const defaultTimeout = options.timeoutMs ?? 120_000;
  const commands: RecordedCommand[] = [];
  return {
    dryRun,
    commands,
    async run(argv, runOptions = {}) {
      const [file, ...args] = argv;
      if (file === undefined) throw new TypeError('empty argv');
      const recorded: RecordedCommand = { argv: [...argv], line: shellQuote(argv), input: runOptions.input, dryRun };
      commands.push(recorded);
      options.onCommand?.(recorded);
      if (dryRun) return undefined;
      const execOptions: ExecOptions = { timeoutMs: runOptions.timeoutMs ?? defaultTimeout };
      if (runOptions.input !== undefined) execOptions.input = runOptions.input;
      if (options.env !== undefined) execOptions.env = options.env;
      const result = await exec(file, args, execOptions);
      recorded.status = result.spawnError === undefined && !result.timedOut && result.exitCode === 0 ? 'ok' : 'failed';
      const stderr = result.stderr.trim();
      if (result.spawnError !== undefined) {
        const code = result.spawnError === 'ENOENT' ? DeployErrorCode.commandNotFound : DeployErrorCode.commandFailed;
        throw new CommandError(code, `could not run ${file}: ${result.spawnError}`, { argv, stderr });
      }
      if (result.timedOut) {
        throw new CommandError(
          DeployErrorCode.commandTimeout,
          `${recorded.line} timed out after ${execOptions.timeoutMs} ms`,
          { argv, stderr, timedOut: true },
        );
      }
      if (result.exitCode !== 0) {
        const firstLine = stderr.split('\n').find((line) => line.trim() !== '') ?? '';
        throw new CommandError(
          DeployErrorCode.commandFailed,
          `${recorded.line} exited with ${result.exitCode}${firstLine ? `: ${firstLine}` : ''}`,
          { argv, stderr, ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }) },
        );
      }
      return result.stdout;
    },
  };
}
