import { agentQueries } from '../live/agent-queries.js';
import type { GatePolicy } from '../policy/gate-policy-schema.js';

/** One canary-vs-stable comparison as a single PromQL expression and the highest acceptable value. */
export interface CanaryComparison {
  /** DNS-label-safe id, e.g. `error-rate-increase`. */
  name: string;
  description: string;
  /** PromQL: canary minus stable (`difference`) or canary ÷ stable (`ratio`). */
  query: string;
  kind: 'difference' | 'ratio';
  /** The comparison passes while the value is at most this. */
  max: number;
}

export interface CanaryComparisonOptions {
  /** Label matchers of the canary's and the stable release's series (may hold template placeholders). */
  canary: string;
  stable: string;
  /** Range window, e.g. `5m` or `{{ interval }}`. */
  window: string;
  policy: GatePolicy;
  route?: string;
  /** Highest acceptable increase (absolute) of the error, tool-error and flagged shares. @default 0.01 */
  maxShareIncrease?: number;
}

/**
 * The agent's canary-vs-stable comparisons, from the same metric definitions as the live analysis, for
 * controllers that evaluate one PromQL value against a threshold (Argo Rollouts, Flagger). Ratios default to the
 * policy's SLA ratios (1.5 when unset). A track without traffic makes the expression empty or NaN, which both
 * controllers treat as a failed or inconclusive measurement, never a pass.
 */
export function canaryComparisons(options: CanaryComparisonOptions): CanaryComparison[] {
  const common = { window: options.window, ...(options.route === undefined ? {} : { route: options.route }) };
  const canary = agentQueries({ ...common, matchers: options.canary });
  const stable = agentQueries({ ...common, matchers: options.stable });
  const share = options.maxShareIncrease ?? 0.01;
  const { policy } = options;
  return [
    {
      name: 'error-rate-increase',
      description: 'canary 5xx share minus stable 5xx share',
      query: `(${canary.errorRate}) - (${stable.errorRate})`,
      kind: 'difference',
      max: share,
    },
    {
      name: 'latency-p99-ratio',
      description: 'canary p99 latency ÷ stable p99 latency',
      query: `(${canary.latencyP99}) / (${stable.latencyP99})`,
      kind: 'ratio',
      max: policy.latency?.maxIncreaseRatio ?? 1.5,
    },
    {
      name: 'tool-error-rate-increase',
      description: 'canary tool-call error share minus stable',
      query: `(${canary.toolErrorRate}) - (${stable.toolErrorRate})`,
      kind: 'difference',
      max: share,
    },
    {
      name: 'tokens-per-request-ratio',
      description: 'canary tokens per request ÷ stable',
      query: `(${canary.tokensPerRequest}) / (${stable.tokensPerRequest})`,
      kind: 'ratio',
      max: policy.tokens?.maxIncreaseRatio ?? 1.5,
    },
    {
      name: 'cost-per-request-ratio',
      description: 'canary cost per request ÷ stable',
      query: `(${canary.costPerRequest}) / (${stable.costPerRequest})`,
      kind: 'ratio',
      max: policy.cost?.maxIncreaseRatio ?? 1.5,
    },
    {
      name: 'flagged-share-increase',
      description: 'canary share of answers flagged by online checks minus stable',
      query: `(${canary.flaggedShare}) - (${stable.flaggedShare})`,
      kind: 'difference',
      max: share,
    },
  ];
}
