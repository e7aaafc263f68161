import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));
// Absolute, so the CLI can be spawned from any working directory (fixture trees outside the repo).
const tsxLoader = import.meta.resolve('tsx');

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI from source (no build needed), the way a user runs it. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@agent-cicd/source', '--import', tsxLoader, bin, ...args],
      { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}
