import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core/errors';
import { formatOutcome, formatPlan, type WorkflowIo, type WorkflowOutcome } from '@agent-cicd/deploy-gates';
import { DeployErrorCode } from '@agent-cicd/deploy-gates/errors';
import { createDeployMetrics } from '@agent-cicd/deploy-gates/monitoring';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import { oneLine } from '../one-line.js';
import { parseIntegerListOption, parseIntegerOption } from '../options/parse-option-values.js';
import type { ClusterFlags } from './deploy-options.js';
import type { CliState } from './types.js';

/** The side effects the rollout workflows get from the CLI: cwd, env, progress on stderr. */
export const workflowIo = (io: CliIo): WorkflowIo => ({
  cwd: io.cwd,
  env: io.env,
  log: (line) => io.stderr(`${oneLine(line)}\n`),
});

/** The shared cluster flags as workflow input. */
export const clusterInput = (flags: ClusterFlags) => ({
  app: flags.app,
  namespace: flags.namespace,
  context: flags.context,
  timeout: flags.timeout,
  dryRun: flags.dryRun,
  historyFile: flags.historyFile,
  historyConfigMap: flags.historyConfigmap,
});

/** Parses `5,25,50,100`. */
export const parseSteps = (value: string): number[] => parseIntegerListOption(value, '--steps');

/** Parses an integer flag. */
export const parseCount = (value: string, flag: string, min = 0): number => parseIntegerOption(value, flag, { min });

/** `--metrics-file` must be writable before anything runs: checked as a path here, written at the end. */
export function metricsFileFor(flags: { metricsFile?: string }, io: CliIo): string | undefined {
  if (flags.metricsFile === undefined) return undefined;
  if (flags.metricsFile.trim() === '' || /[\0\n\r]/.test(flags.metricsFile)) {
    throw new AgentCicdError(
      DeployErrorCode.invalidInput,
      `invalid --metrics-file ${JSON.stringify(flags.metricsFile)}`,
    );
  }
  return resolve(io.cwd, flags.metricsFile);
}

/**
 * Prints a workflow outcome (the plan in dry-run), writes the metrics and sets the exit code:
 * 0 done, 1 rolled back (previous state restored and verified), 4 failed part-way (changes and recovery printed).
 */
export async function finishWorkflow(
  outcome: WorkflowOutcome<unknown>,
  flags: ClusterFlags & { metricsFile?: string },
  io: CliIo,
  state: CliState,
  metric: { strategy: 'blue-green' | 'canary' | 'rollback' },
): Promise<void> {
  if (flags.json)
    io.stdout(`${JSON.stringify({ ...outcome, plan: { ...outcome.plan, clients: undefined } }, null, 2)}\n`);
  else {
    if (outcome.dryRun) io.stdout(formatPlan(outcome.plan));
    io.stdout(formatOutcome(outcome));
  }
  const file = metricsFileFor(flags, io);
  if (file !== undefined && !outcome.dryRun) {
    const metrics = createDeployMetrics();
    if (metric.strategy === 'rollback') metrics.recordRollback({ app: flags.app, reason: 'manual' });
    else {
      const ok = outcome.status === 'succeeded';
      metrics.recordDeploy({ app: flags.app, strategy: metric.strategy, outcome: ok ? 'success' : 'rolled_back' });
      if (!ok) metrics.recordRollback({ app: flags.app, reason: 'failure' });
    }
    await writeFile(file, await metrics.metrics());
  }
  state.exitCode =
    outcome.status === 'succeeded'
      ? ExitCode.ok
      : outcome.status === 'rolled_back'
        ? ExitCode.failed
        : ExitCode.partialChange;
}
