import type { Decision } from '../decision/decision.js';
import { InvalidInputError } from '../errors.js';
import type { TrafficRouter } from '../routers/traffic-router.js';
import { assertWeight } from '../validate/validate.js';

/** What an analysis at one step returns: a `Decision` from `decide`, or just its action and reasons. */
export type StepAnalysis = Pick<Decision, 'action' | 'reasons'>;

/** Where the canary is when it is analysed. `attempt` counts analyses at this step, from 1. */
export interface CanaryStep {
  index: number;
  weight: number;
  attempt: number;
}

export interface CanaryStepRecord extends CanaryStep {
  action: StepAnalysis['action'] | 'error';
  reasons: string[];
}

export interface RunCanaryOptions {
  /** Traffic percentages, strictly increasing, e.g. `[5, 25, 50, 100]`. */
  steps: number[];
  router: TrafficRouter;
  analyze: (step: CanaryStep) => Promise<StepAnalysis>;
  /** Re-analyses allowed at one step after `hold`; one more `hold` rolls back. @default 3 */
  maxHolds?: number;
  /** Wait before the first analysis at each step (let the canary gather traffic). @default 0 */
  pauseMs?: number;
  /** Wait before re-analysing after `hold`. @default 30000 */
  holdIntervalMs?: number;
  /** After the last step (or `promote`): make the canary the stable release. A throw rolls back. */
  onPromote?: () => Promise<void>;
  /** After the weight is back at 0: restore the stable release (scale the canary down, undo a half promotion). */
  onRollback?: () => Promise<void>;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

export interface CanaryResult {
  outcome: 'promoted' | 'rolled_back';
  /** Every analysis, in order. */
  history: CanaryStepRecord[];
  /** Why it rolled back (the last analysis' reasons, or the error). */
  reasons: string[];
  /** Errors from the rollback itself; empty when it ran cleanly. */
  rollbackErrors: string[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function checkSteps(steps: number[]): void {
  if (steps.length === 0) throw new InvalidInputError('a canary needs at least one step');
  let previous = 0;
  for (const step of steps) {
    assertWeight(step);
    if (step <= previous)
      throw new InvalidInputError(`canary steps must increase from 1 to 100, got ${steps.join(', ')}`);
    previous = step;
  }
}

/**
 * Runs a canary: at each step set the weight, analyse, then advance, hold (keep the weight, re-analyse up to
 * `maxHolds` times), or roll back (weight 0, then `onRollback`). `promote` or advancing past the last step
 * calls `onPromote`. A failing analysis or router call rolls back: an error is never a pass.
 */
export async function runCanary(options: RunCanaryOptions): Promise<CanaryResult> {
  checkSteps(options.steps);
  const { router } = options;
  const maxHolds = options.maxHolds ?? 3;
  const sleep = options.sleep ?? defaultSleep;
  const log = options.log ?? (() => {});
  const history: CanaryStepRecord[] = [];

  const rollback = async (reasons: string[]): Promise<CanaryResult> => {
    log(`rolling back: ${reasons.join('; ')}`);
    const rollbackErrors: string[] = [];
    try {
      await router.setWeight(0);
    } catch (error) {
      rollbackErrors.push(`set weight 0 failed: ${message(error)}`);
    }
    try {
      await options.onRollback?.();
    } catch (error) {
      rollbackErrors.push(`restoring the stable release failed: ${message(error)}`);
    }
    return { outcome: 'rolled_back', history, reasons, rollbackErrors };
  };

  for (const [index, weight] of options.steps.entries()) {
    try {
      await router.setWeight(weight);
    } catch (error) {
      return rollback([`setting weight ${weight} failed: ${message(error)}`]);
    }
    log(`step ${index + 1}/${options.steps.length}: ${weight}% to the canary`);
    let promoteNow = false;
    for (let attempt = 1; ; attempt++) {
      await sleep(attempt === 1 ? (options.pauseMs ?? 0) : (options.holdIntervalMs ?? 30_000));
      const step = { index, weight, attempt };
      let analysis: StepAnalysis;
      try {
        analysis = await options.analyze(step);
      } catch (error) {
        history.push({ ...step, action: 'error', reasons: [message(error)] });
        return rollback([`analysis at ${weight}% failed: ${message(error)}`]);
      }
      history.push({ ...step, action: analysis.action, reasons: [...analysis.reasons] });
      log(`analysis at ${weight}% (attempt ${attempt}): ${analysis.action}`);
      if (analysis.action === 'rollback') return rollback([...analysis.reasons]);
      if (analysis.action === 'promote') promoteNow = true;
      if (analysis.action !== 'hold') break;
      if (attempt > maxHolds) {
        return rollback([`still inconclusive after ${attempt} analyses at ${weight}%`, ...analysis.reasons]);
      }
    }
    if (promoteNow) break;
  }
  try {
    await options.onPromote?.();
  } catch (error) {
    return rollback([`promotion failed: ${message(error)}`]);
  }
  return { outcome: 'promoted', history, reasons: [], rollbackErrors: [] };
}
