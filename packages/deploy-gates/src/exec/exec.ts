import { execa } from 'execa';

/** What one process run returned. `exitCode` is undefined when the process never started or was killed. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
  timedOut: boolean;
  /** Node's spawn error code (`ENOENT`, …) when the process could not start. */
  spawnError?: string | undefined;
}

export interface ExecOptions {
  /** Written to the process's stdin. */
  input?: string;
  /** Kill the process after this many milliseconds. */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  /** Working directory of the process. @default the current directory */
  cwd?: string;
}

/** Runs `file` with an argv array (never a shell). Injected so tests and dry-runs can replace it. */
export type ExecFn = (file: string, args: readonly string[], options: ExecOptions) => Promise<ExecResult>;

/** The default `ExecFn`: execa 9 with `shell: false`, never rejecting (the runner turns results into errors). */
export const execaExec: ExecFn = async (file, args, options) => {
  const result = await execa(file, [...args], {
    shell: false,
    reject: false,
    stripFinalNewline: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const spawnError = (result as { code?: string }).code;
  return {
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    spawnError: typeof spawnError === 'string' && result.exitCode === undefined ? spawnError : undefined,
  };
};
