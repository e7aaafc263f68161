import type { CanaryStep, StepAnalysis } from '../rollout/run-canary.js';
import type { CanaryStatus } from './canary-control-schema.js';
import type { CanaryControlStore } from './canary-control-store.js';

export interface ManualControlOptions {
  store: CanaryControlStore;
  app: string;
  steps: number[];
  release?: string;
  /** Called when a paused canary resumes (e.g. restart the live analysis' step clock). */
  onResume?: () => void;
  now?: () => Date;
}

/**
 * Wraps a canary's `analyze` so `agent-cicd canary pause|resume|promote|abort` steer it: before each look the
 * command in the cluster is read — paused: hold without analysing; promote: promote now; abort: roll back now —
 * and after each look the status (weight, action, reasons, handled command) is written back. If the command
 * cannot be read the look holds (a control failure is never a pass).
 */
export function withManualControl(
  analyze: (step: CanaryStep) => Promise<StepAnalysis>,
  options: ManualControlOptions,
): {
  analyze: (step: CanaryStep) => Promise<StepAnalysis>;
  begin(): Promise<void>;
  finish(outcome: 'promoted' | 'rolled_back'): Promise<void>;
} {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  let status: CanaryStatus = {
    schemaVersion: 1,
    app: options.app,
    ...(options.release ? { release: options.release } : {}),
    state: 'running',
    weight: 0,
    steps: options.steps,
    startedAt: now(),
    updatedAt: now(),
    reasons: [],
  };
  const save = async (update: Partial<CanaryStatus>) => {
    status = { ...status, ...update, updatedAt: now() };
    await options.store.writeStatus(status);
  };
  return {
    begin: () => options.store.begin(status),
    async finish(outcome) {
      await save({ state: outcome });
    },
    async analyze(step) {
      let command: Awaited<ReturnType<CanaryControlStore['read']>>['command'];
      try {
        command = (await options.store.read()).command;
      } catch (error) {
        const reasons = [`cannot read the canary's manual commands: ${(error as Error).message}`];
        return { action: 'hold', reasons };
      }
      const fresh = command && command.id !== status.handledCommand ? command : undefined;
      const by = fresh ? ` by ${fresh.by ?? 'an operator'}${fresh.reason ? `: ${fresh.reason}` : ''}` : '';
      if (fresh?.action === 'abort') {
        const reasons = [`aborted${by}`];
        await save({ handledCommand: fresh.id, weight: step.weight, lastAction: 'rollback', reasons });
        return { action: 'rollback', reasons };
      }
      if (fresh?.action === 'promote') {
        const reasons = [`promoted by hand${by}`];
        await save({ handledCommand: fresh.id, weight: step.weight, lastAction: 'promote', reasons });
        return { action: 'promote', reasons };
      }
      if (fresh?.action === 'pause' || (status.state === 'paused' && fresh?.action !== 'resume')) {
        const reasons = [`paused${by || ` (since ${status.updatedAt})`}`];
        await save({
          state: 'paused',
          ...(fresh ? { handledCommand: fresh.id } : {}),
          weight: step.weight,
          lastAction: 'hold',
          reasons,
        });
        return { action: 'hold', reasons };
      }
      if (fresh?.action === 'resume') {
        options.onResume?.();
        status = { ...status, state: 'running', handledCommand: fresh.id };
      }
      const analysis = await analyze(step);
      await save({
        state: 'running',
        weight: step.weight,
        lastAction: analysis.action,
        reasons: [...analysis.reasons],
      });
      return analysis;
    },
  };
}
