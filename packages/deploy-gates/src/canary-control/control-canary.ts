import { randomUUID } from 'node:crypto';
import type { CanaryCommand, CanaryCommandAction, CanaryStatus } from './canary-control-schema.js';
import type { CanaryControlStore } from './canary-control-store.js';

/** What a manual command will do, decided before anything is written. */
export interface CanaryCommandPlan {
  app: string;
  action: CanaryCommandAction;
  /** `apply`: write the command; `noop`: the canary is already in that state; `refuse`: not possible now. */
  verdict: 'apply' | 'noop' | 'refuse';
  message: string;
  status?: CanaryStatus;
  command?: CanaryCommand;
  /** Where it is written. */
  target: string;
}

const finished = new Set(['promoted', 'rolled_back']);

/**
 * Plans `canary pause|resume|promote|abort` from the stored status: a command for a canary that is not running
 * (none recorded, already promoted or rolled back) is refused; pausing a paused canary is a no-op. Nothing is
 * written here.
 */
export async function planCanaryCommand(options: {
  store: CanaryControlStore;
  app: string;
  action: CanaryCommandAction;
  reason?: string;
  by?: string;
  now?: () => Date;
  id?: () => string;
}): Promise<CanaryCommandPlan> {
  const { store, app, action } = options;
  const { status, command: pending } = await store.read();
  const base = { app, action, target: store.description, ...(status ? { status } : {}) };
  if (!status)
    return { ...base, verdict: 'refuse', message: `no canary of ${app} is recorded in ${store.description}` };
  if (finished.has(status.state)) {
    return {
      ...base,
      verdict: 'refuse',
      message: `the canary of ${app} has already ${status.state.replace('_', ' ')}`,
    };
  }
  if (pending && pending.id !== status.handledCommand && (pending.action === 'promote' || pending.action === 'abort')) {
    return { ...base, verdict: 'refuse', message: `a ${pending.action} of ${app} is already pending (${pending.at})` };
  }
  const effective = pending && pending.id !== status.handledCommand ? pending.action : undefined;
  const paused = effective === 'pause' || (status.state === 'paused' && effective !== 'resume');
  if (action === 'pause' && paused)
    return { ...base, verdict: 'noop', message: `the canary of ${app} is already paused` };
  if (action === 'resume' && !paused)
    return { ...base, verdict: 'noop', message: `the canary of ${app} is not paused` };
  const command: CanaryCommand = {
    id: (options.id ?? randomUUID)(),
    action,
    at: (options.now?.() ?? new Date()).toISOString(),
    ...(options.by ? { by: options.by } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  };
  const verbs = { pause: 'pause', resume: 'resume', promote: 'promote', abort: 'abort (roll back)' };
  return {
    ...base,
    verdict: 'apply',
    command,
    message: `${verbs[action]} the canary of ${app} at ${status.weight}% (it acts at its next look)`,
  };
}

/** Writes a planned command (only an `apply` plan writes anything). */
export async function executeCanaryCommand(store: CanaryControlStore, plan: CanaryCommandPlan): Promise<void> {
  if (plan.verdict === 'apply' && plan.command) await store.writeCommand(plan.command);
}
