import { changesMade } from './changes-made.js';
import type { ClusterClients } from './workflow-context.js';

/** What a rollout plan shows before anything runs (and what `--dry-run` prints). */
export interface RolloutPlan {
  action: 'blue-green' | 'canary' | 'rollback';
  /** Names, image, URLs, ConfigMaps and templates, as label → value. */
  facts: [string, string][];
  /** The commands of the successful path, in order (reads included). */
  commands: string[];
  /** What runs when a step fails. */
  onFailure: string[];
}

/**
 * - `succeeded`: the change was made and read back.
 * - `rolled_back`: a step or the gate failed and the previous state was restored and read back (exit 1).
 * - `failed_part_way`: the cluster or docker failed and the previous state is not restored (or not verified):
 *   `changes` lists every change made and `recovery` says what to do (exit 4).
 */
export type WorkflowStatus = 'succeeded' | 'rolled_back' | 'failed_part_way';

export interface WorkflowOutcome<Result> {
  status: WorkflowStatus;
  /** One line for humans. */
  summary: string;
  plan: RolloutPlan;
  result?: Result;
  /** Mutating commands that ran (only reported when the status is `failed_part_way`, else empty). */
  changes: string[];
  recovery?: string;
  problems: string[];
  dryRun: boolean;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs the execute phase; any failure that escapes it becomes `failed_part_way` with the changes made so far. */
export async function guardExecution<Result>(
  clients: ClusterClients,
  plan: RolloutPlan,
  recovery: string,
  execute: () => Promise<WorkflowOutcome<Result>>,
): Promise<WorkflowOutcome<Result>> {
  try {
    const outcome = await execute();
    if (outcome.status !== 'failed_part_way') return outcome;
    return { ...outcome, changes: changesMade(clients.runner.commands), recovery: outcome.recovery ?? recovery };
  } catch (error) {
    // Every input was validated by the plan, so anything thrown here is the cluster, docker or the history store.
    const changes = changesMade(clients.runner.commands);
    return {
      status: 'failed_part_way',
      summary: `${plan.action} failed part-way: ${message(error)}`,
      plan,
      changes,
      recovery: changes.length === 0 ? 'nothing was changed; fix the cause and run the same command again' : recovery,
      problems: [message(error)],
      dryRun: clients.dryRun,
    };
  }
}
