import { CommandError } from '../errors.js';
import type { RolloutPlan, WorkflowOutcome } from './workflow-outcome.js';

/**
 * Builds a workflow's plan (validating every input and reading the cluster); a failed cluster read is an outcome
 * that changed nothing. Invalid input still throws (exit 2 upstream).
 */
export async function planOrFail<Plan>(
  build: () => Promise<Plan>,
  action: RolloutPlan['action'],
  dryRun: boolean | undefined,
): Promise<Plan | WorkflowOutcome<never>> {
  try {
    return await build();
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return {
      status: 'failed_part_way',
      summary: `${action}: reading the cluster failed: ${error.message}`,
      plan: { action, facts: [], commands: [], onFailure: [] },
      changes: [],
      recovery:
        'nothing was changed; fix the cause (cluster access, kubectl/docker on PATH) and run the same command again',
      problems: [error.message],
      dryRun: dryRun ?? false,
    };
  }
}

/** Plan (validating every input), then execute; in dry-run only the plan is built and returned. */
export async function planThenExecute<Plan extends RolloutPlan & { clients: { dryRun: boolean } }, Result>(
  build: () => Promise<Plan>,
  action: RolloutPlan['action'],
  dryRun: boolean | undefined,
  execute: (plan: Plan) => Promise<WorkflowOutcome<Result>>,
): Promise<WorkflowOutcome<Result>> {
  const plan = await planOrFail(build, action, dryRun);
  if ('status' in plan) return plan;
  if (plan.clients.dryRun) {
    return {
      status: 'succeeded',
      summary: 'dry-run: nothing was changed',
      plan,
      changes: [],
      problems: [],
      dryRun: true,
    };
  }
  return execute(plan);
}
