import {
  type CanaryControlStore,
  canaryControlName,
  createCanaryControlStore,
} from '../canary-control/canary-control-store.js';
import { withManualControl } from '../canary-control/with-manual-control.js';
import type { Kubectl } from '../kubectl/create-kubectl.js';
import type { GatePolicy } from '../policy/gate-policy-schema.js';
import type { CanaryStep, StepAnalysis } from '../rollout/run-canary.js';
import { createLiveCanaryAnalysis, type LiveCanaryAnalysis } from './live-canary-analysis.js';
import { createPrometheusClient } from './prometheus-client.js';
import { trackSelectors } from './track-selectors.js';

export interface LiveRolloutAnalysisOptions {
  /** Prometheus base URL. */
  prometheus: string;
  app: string;
  policy: GatePolicy;
  /** The label that tells the tracks apart, and its two values. @default track: canary / stable */
  trackLabel?: string;
  canaryValue?: string;
  stableValue?: string;
  /** @default 600000 */
  stepBudgetMs?: number;
  /** With a kubectl, `agent-cicd canary pause|resume|promote|abort` can steer the rollout (state beside the history). */
  control?: { kubectl: Kubectl; historyConfigMap: string; release?: string };
  fetch?: typeof fetch;
}

/**
 * The live analysis a CLI canary rollout uses with `--prometheus`: Prometheus looks for the app's tracks, steered by
 * manual commands when a kubectl is given. Nothing is read or written before the first look (the rollout has
 * validated its plan and started by then): the first look writes the control state and takes the baseline, so it
 * holds; `finish()` records the outcome.
 */
export function createLiveRolloutAnalysis(options: LiveRolloutAnalysisOptions): {
  analyze: (step: CanaryStep) => Promise<StepAnalysis>;
  begin(): Promise<void>;
  finish(outcome: 'promoted' | 'rolled_back'): Promise<void>;
  live: LiveCanaryAnalysis;
  store?: CanaryControlStore;
} {
  const live = createLiveCanaryAnalysis({
    prometheus: createPrometheusClient({ url: options.prometheus, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    selectors: trackSelectors({
      common: { app: options.app },
      ...(options.trackLabel ? { label: options.trackLabel } : {}),
      ...(options.canaryValue ? { canary: options.canaryValue } : {}),
      ...(options.stableValue ? { stable: options.stableValue } : {}),
    }),
    policy: options.policy,
    ...(options.stepBudgetMs === undefined ? {} : { stepBudgetMs: options.stepBudgetMs }),
  });
  let started: Promise<void> | undefined;
  const once = (begin: () => Promise<void>) => () => {
    started ??= begin();
    return started;
  };
  if (!options.control) {
    const begin = once(() => live.begin());
    return {
      analyze: async (step) => {
        await begin();
        return live.analyze(step);
      },
      begin,
      finish: async () => {},
      live,
    };
  }
  const store = createCanaryControlStore({
    kubectl: options.control.kubectl,
    name: canaryControlName(options.control.historyConfigMap),
  });
  const control = withManualControl((step) => live.analyze(step), {
    store,
    app: options.app,
    steps: options.policy.canary.steps,
    ...(options.control.release ? { release: options.control.release } : {}),
    onResume: () => live.resetStepClock(),
  });
  const begin = once(async () => {
    await control.begin();
    await live.begin();
  });
  return {
    analyze: async (step) => {
      await begin();
      return control.analyze(step);
    },
    begin,
    async finish(outcome) {
      if (started) await control.finish(outcome);
    },
    live,
    store,
  };
}
