import { CommandError, DeployErrorCode } from '../errors.js';
import { type ExecFn, execaExec } from '../exec/exec.js';

/** A git client bound to one working tree; every call is `git -C <dir> …`. */
export interface Git {
  run(
    args: string[],
    options?: { allowFailure?: boolean },
  ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

export function createGit(dir: string, exec: ExecFn = execaExec, env?: Record<string, string | undefined>): Git {
  return {
    async run(args, options = {}) {
      const argv = ['-C', dir, ...args];
      const result = await exec('git', argv, { timeoutMs: 60_000, ...(env ? { env } : {}) });
      if (result.exitCode !== 0 && !options.allowFailure) {
        throw new CommandError(
          DeployErrorCode.commandFailed,
          `git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim().split('\n')[0] ?? ''}`,
          {
            argv: ['git', ...argv],
            ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
            stderr: result.stderr,
          },
        );
      }
      return { exitCode: result.exitCode ?? 1, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
