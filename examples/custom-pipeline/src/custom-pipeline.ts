import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@agent-cicd/core';
import {
  type AnyPipelineStage,
  defaultStages,
  defineStage,
  type PipelineRecord,
  type PipelineResult,
  replaceStage,
  runPipeline,
} from '@agent-cicd/deploy-gates';

/** The agent project this pipeline ships. */
export const supportAgent = fileURLToPath(new URL('../../support-agent/', import.meta.url));

/**
 * `unit_test`, this team's way: Node's own test runner over the agent's `*.test.ts` files, with the number of
 * tests in the stage's result (the default stage runs a shell command and reports only its exit code).
 */
export const nodeTestStage = defineStage({
  name: 'unit_test',
  description: "node --test over the agent's unit tests",
  async run({ exec, cwd, env }) {
    const result = await exec(process.execPath, ['--import', 'tsx', '--test', 'src/agent.test.ts'], {
      cwd,
      // A node:test run refuses to start inside another one (this example's own tests run the pipeline).
      env: { ...env, NODE_TEST_CONTEXT: undefined },
      timeoutMs: 120_000,
    });
    const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(result.stdout)?.[1] ?? 0);
    const [passed, failed] = [count('pass'), count('fail')];
    const ok = result.exitCode === 0 && failed === 0 && passed > 0;
    return {
      status: ok ? 'passed' : 'failed',
      summary: ok
        ? `${passed} node:test tests passed`
        : `node --test: ${failed} failed, ${passed} passed (exit ${result.exitCode})`,
      details: { passed, failed, ...(ok ? {} : { output: `${result.stdout}\n${result.stderr}`.trim() }) },
    };
  },
});

/** The default eleven stages with `unit_test` replaced. */
export function customStages(): AnyPipelineStage[] {
  return replaceStage(defaultStages(), 'unit_test', nodeTestStage);
}

/** Runs the custom pipeline on the support agent: docker/kubectl as a printed plan, approval given up front. */
export async function runCustomPipeline(
  options: { cwd?: string; onStage?: (result: PipelineResult) => void; log?: (line: string) => void } = {},
): Promise<PipelineRecord> {
  const cwd = resolve(options.cwd ?? supportAgent);
  const { config } = await loadConfig({ cwd });
  // The project's own stage options (repository, namespaces, suites …), minus those of the stage we replaced.
  const { unit_test: _replaced, ...stageOptions } = config.pipeline?.options ?? {};
  return runPipeline({
    stages: customStages(),
    cwd,
    stageOptions,
    dryRun: true,
    shared: { seed: 1, approve: true },
    ...(options.onStage === undefined ? {} : { onStage: options.onStage }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
}
