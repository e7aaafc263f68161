import type { KubeManifest } from '../kubectl/create-kubectl.js';
import { renderMatchers } from '../live/track-selectors.js';
import type { GatePolicy } from '../policy/gate-policy-schema.js';
import { assertDnsSubdomain } from '../validate/validate.js';
import { canaryComparisons } from './canary-comparisons.js';

export interface ArgoLiveAnalysisOptions {
  /** @default 'agent-cicd-live' */
  name?: string;
  /** Prometheus base URL as seen from the cluster, e.g. `http://prometheus.monitoring:9090`. */
  prometheusAddress: string;
  policy: GatePolicy;
  /** The label that tells the tracks apart. Argo labels pods with `rollouts-pod-template-hash`; ours is `track`. @default 'track' */
  trackLabel?: string;
  /** @default 'canary' / 'stable' */
  canaryValue?: string;
  stableValue?: string;
  /** Range window of every query. @default '5m' */
  window?: string;
  /** Time between measurements. @default '1m' */
  interval?: string;
  /** Measurements per analysis run. @default 5 */
  count?: number;
  maxShareIncrease?: number;
}

/**
 * An Argo Rollouts `AnalysisTemplate` with the Prometheus provider: one metric per agent comparison (error rate,
 * p99 latency, tool errors, tokens, cost, flagged answers), canary vs stable, for the app given as the `app`
 * argument. A value above the limit fails the measurement (`failureLimit: 1` then aborts); NaN or an empty result
 * (no traffic, a stale series) meets neither condition and is inconclusive, which pauses the rollout; a Prometheus
 * error counts against `consecutiveErrorLimit`.
 */
export function createArgoLiveAnalysisTemplate(options: ArgoLiveAnalysisOptions): KubeManifest {
  const name = assertDnsSubdomain(options.name ?? 'agent-cicd-live', 'AnalysisTemplate name');
  const label = options.trackLabel ?? 'track';
  // `app` is a template argument; the placeholder stays literal in PromQL until Argo substitutes it.
  const matchers = (value: string) => `app="{{args.app}}",${renderMatchers({ [label]: value })}`;
  const comparisons = canaryComparisons({
    canary: matchers(options.canaryValue ?? 'canary'),
    stable: matchers(options.stableValue ?? 'stable'),
    window: options.window ?? '5m',
    policy: options.policy,
    ...(options.maxShareIncrease === undefined ? {} : { maxShareIncrease: options.maxShareIncrease }),
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'agent-cicd' } },
    spec: {
      args: [{ name: 'app' }],
      metrics: comparisons.map((comparison) => ({
        name: comparison.name,
        interval: options.interval ?? '1m',
        count: options.count ?? 5,
        failureLimit: 1,
        consecutiveErrorLimit: 4,
        successCondition: `len(result) > 0 && result[0] <= ${comparison.max}`,
        failureCondition: `len(result) > 0 && result[0] > ${comparison.max}`,
        provider: { prometheus: { address: options.prometheusAddress, query: comparison.query } },
      })),
    },
  };
}
