import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineStage } from '../pipeline-stage.js';

/** The last `count` lines of a process's output (what a reader of a failed stage needs). */
export function tail(text: string, count = 40): string {
  const lines = text.trimEnd().split('\n');
  return (lines.length > count ? ['…', ...lines.slice(-count)] : lines).join('\n');
}

/** The `test` script `npm init` writes: a placeholder that always fails, not a test suite. */
export const NPM_PLACEHOLDER_TEST = 'echo "Error: no test specified" && exit 1';

/**
 * Why the default `npm test` has nothing to run in a project (its package.json text, `undefined` when it has
 * none): no package.json, no `scripts.test`, or npm's placeholder. `undefined` when there is a test script.
 * An unreadable or malformed package.json is not a reason to skip: `npm test` runs and reports it.
 */
export function missingNpmTest(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) return 'the project has no package.json';
  let manifest: unknown;
  try {
    manifest = JSON.parse(packageJson);
  } catch {
    return undefined;
  }
  const test = (manifest as { scripts?: { test?: unknown } } | null)?.scripts?.test;
  if (test === undefined) return 'package.json has no test script';
  if (typeof test === 'string' && test.trim() === NPM_PLACEHOLDER_TEST) {
    return `package.json's test script is npm's placeholder (${NPM_PLACEHOLDER_TEST})`;
  }
  return undefined;
}

async function readPackageJson(cwd: string): Promise<string | undefined> {
  try {
    return await readFile(join(cwd, 'package.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `unit_test`: the project's own test command through `sh -c` in the project root; exit 0 passes. Without a
 * configured `command` it runs `npm test` — unless the project has no test script to run (no package.json, no
 * `scripts.test`, or npm's always-failing placeholder): then the stage is skipped, and its line says why and how
 * to give it one. A configured command always runs. The pipeline's run id is in its environment, so a command
 * that starts the pipeline again is refused.
 */
export const unitTestStage = defineStage({
  name: 'unit_test',
  description: "the project's own unit tests (default `npm test`; skipped when package.json has no test script)",
  options: z
    .object({
      command: z.string().min(1).optional(),
      timeoutSeconds: z.number().positive().default(600),
    })
    .strict(),
  async run({ cwd, env, exec, options }) {
    if (options.command === undefined) {
      const missing = missingNpmTest(await readPackageJson(cwd));
      if (missing !== undefined) {
        return {
          status: 'skipped',
          summary: `no unit tests: ${missing}; add a "test" script or set pipeline.options.unit_test.command`,
          details: { command: 'npm test', skipped: missing },
        };
      }
    }
    const command = options.command ?? 'npm test';
    const result = await exec('sh', ['-c', command], {
      cwd,
      env,
      timeoutMs: options.timeoutSeconds * 1000,
    });
    const output = tail(`${result.stdout}${result.stderr === '' ? '' : `\n${result.stderr}`}`);
    const passed = result.exitCode === 0 && result.spawnError === undefined && !result.timedOut;
    const why = result.timedOut
      ? `timed out after ${options.timeoutSeconds} s`
      : result.spawnError !== undefined
        ? `could not start: ${result.spawnError}`
        : `exit ${result.exitCode}`;
    return {
      status: passed ? 'passed' : 'failed',
      summary: `${command}: ${passed ? 'passed' : why}`,
      details: { command, exitCode: result.exitCode ?? null, output },
    };
  },
});
