import { createCommandRunner } from '../exec/command-runner.js';
import { createKubectl } from '../kubectl/create-kubectl.js';
import { type ClusterInput, clusterClients, planLines, type WorkflowIo } from '../workflows/workflow-context.js';
import type { CanaryCommandAction, CanaryStatus } from './canary-control-schema.js';
import { type CanaryControlStore, canaryControlName, createCanaryControlStore } from './canary-control-store.js';
import { type CanaryCommandPlan, executeCanaryCommand, planCanaryCommand } from './control-canary.js';

export interface CanaryControlResult {
  plan: CanaryCommandPlan;
  /** Whether the command was written (false in dry-run, for `noop` and `refuse`). */
  applied: boolean;
  dryRun: boolean;
  /** The kubectl commands that would write the command (dry-run) or did. */
  commands: string[];
}

/** The control store of a cluster input: reads always run (also in dry-run); writes follow `dryRun`. */
function stores(
  input: ClusterInput,
  io: WorkflowIo,
): {
  read: CanaryControlStore;
  write: CanaryControlStore;
  dryRun: boolean;
  runner: ReturnType<typeof clusterClients>['runner'];
} {
  const clients = clusterClients(input, io);
  const name = canaryControlName(input.historyConfigMap ?? `${clients.app}-releases`);
  const reader = createKubectl({
    runner: createCommandRunner({
      dryRun: false,
      ...(io.exec === undefined ? {} : { exec: io.exec }),
      ...(io.env === undefined ? {} : { env: io.env }),
    }),
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
  });
  return {
    read: createCanaryControlStore({ kubectl: reader, name }),
    write: createCanaryControlStore({ kubectl: clients.kubectl, name }),
    dryRun: clients.dryRun,
    runner: clients.runner,
  };
}

/** `agent-cicd canary status`: the stored status of the app's canary and any pending command. */
export async function canaryStatus(
  input: ClusterInput,
  io: WorkflowIo,
): Promise<{ app: string; where: string; status?: CanaryStatus; pendingCommand?: CanaryCommandAction }> {
  const { read } = stores(input, io);
  const { status, command } = await read.read();
  const pending = command && command.id !== status?.handledCommand ? command.action : undefined;
  return {
    app: input.app,
    where: read.description,
    ...(status ? { status } : {}),
    ...(pending ? { pendingCommand: pending } : {}),
  };
}

/**
 * `agent-cicd canary pause|resume|promote|abort`: validate the input, read the canary's status, plan the
 * command, then (unless dry-run, a no-op or refused) write it; the running rollout acts on it at its next look.
 */
export async function controlCanary(
  input: ClusterInput,
  command: { action: CanaryCommandAction; reason?: string; by?: string },
  io: WorkflowIo,
): Promise<CanaryControlResult> {
  const { read, write, dryRun, runner } = stores(input, io);
  const plan = await planCanaryCommand({
    store: read,
    app: input.app,
    action: command.action,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.by ? { by: command.by } : {}),
    ...(io.now ? { now: io.now } : {}),
  });
  await executeCanaryCommand(write, plan);
  return {
    plan,
    applied: plan.verdict === 'apply' && !dryRun,
    dryRun,
    commands: planLines(runner.commands),
  };
}
