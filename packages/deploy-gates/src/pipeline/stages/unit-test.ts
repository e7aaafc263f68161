import { z } from 'zod';
import { defineStage } from '../pipeline-stage.js';

/** The last `count` lines of a process's output (what a reader of a failed stage needs). */
export function tail(text: string, count = 40): string {
  const lines = text.trimEnd().split('\n');
  return (lines.length > count ? ['…', ...lines.slice(-count)] : lines).join('\n');
}

/**
 * `unit_test`: the project's own test command (default `npm test`) through `sh -c` in the project root; exit 0
 * passes. The pipeline's run id is in its environment, so a command that starts the pipeline again is refused.
 */
export const unitTestStage = defineStage({
  name: 'unit_test',
  description: "the project's own unit tests (default `npm test`)",
  options: z
    .object({
      command: z.string().min(1).default('npm test'),
      timeoutSeconds: z.number().positive().default(600),
    })
    .strict(),
  async run({ cwd, env, exec, options }) {
    const result = await exec('sh', ['-c', options.command], {
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
      summary: `${options.command}: ${passed ? 'passed' : why}`,
      details: { command: options.command, exitCode: result.exitCode ?? null, output },
    };
  },
});
