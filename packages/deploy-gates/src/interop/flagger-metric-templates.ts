import type { KubeManifest } from '../kubectl/create-kubectl.js';
import type { GatePolicy } from '../policy/gate-policy-schema.js';
import { assertDnsSubdomain } from '../validate/validate.js';
import { canaryComparisons } from './canary-comparisons.js';

export interface FlaggerTemplatesOptions {
  prometheusAddress: string;
  policy: GatePolicy;
  /** Namespace of the MetricTemplates (the Canary refers to them there). */
  namespace?: string;
  /** Prefix of each template's name. @default 'agent-' */
  prefix?: string;
  /**
   * Matchers of the canary's and the primary's series. Flagger names the canary pods `<target>-…` and the primary
   * `<target>-primary-…`; its templates see `{{ namespace }}`, `{{ target }}` and `{{ interval }}`.
   */
  canary?: string;
  primary?: string;
  maxShareIncrease?: number;
}

const defaultCanary = 'namespace="{{ namespace }}",pod=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"';
const defaultPrimary = 'namespace="{{ namespace }}",pod=~"{{ target }}-primary-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"';

/**
 * Flagger `MetricTemplate`s (Prometheus provider), one per agent comparison, and the `analysis.metrics` entries of a
 * Canary that use them with the policy's limits as `thresholdRange.max`.
 */
export function createFlaggerMetricTemplates(options: FlaggerTemplatesOptions): {
  templates: KubeManifest[];
  canaryMetrics: Array<Record<string, unknown>>;
} {
  const prefix = options.prefix ?? 'agent-';
  const comparisons = canaryComparisons({
    canary: options.canary ?? defaultCanary,
    stable: options.primary ?? defaultPrimary,
    window: '{{ interval }}',
    policy: options.policy,
    ...(options.maxShareIncrease === undefined ? {} : { maxShareIncrease: options.maxShareIncrease }),
  });
  const templates = comparisons.map((comparison) => ({
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    metadata: {
      name: assertDnsSubdomain(`${prefix}${comparison.name}`, 'MetricTemplate name'),
      ...(options.namespace === undefined ? {} : { namespace: assertDnsSubdomain(options.namespace, 'namespace') }),
      labels: { 'app.kubernetes.io/managed-by': 'agent-cicd' },
      annotations: { 'agent-cicd.dev/description': comparison.description },
    },
    spec: { provider: { type: 'prometheus', address: options.prometheusAddress }, query: comparison.query },
  }));
  const canaryMetrics = comparisons.map((comparison) => ({
    name: comparison.name,
    templateRef: {
      name: `${prefix}${comparison.name}`,
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    },
    thresholdRange: { max: comparison.max },
    interval: '1m',
  }));
  return { templates, canaryMetrics };
}
