import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { execaExec } from '../exec/exec.js';
import { agentQueries } from '../live/agent-queries.js';
import { GatePolicySchema } from '../policy/gate-policy-schema.js';
import { createGrafanaDashboard } from '../sla/grafana-dashboard.js';
import { promtoolAvailable } from '../test-utils/promtool.js';
import { createArgoLiveAnalysisTemplate } from './argo-live-analysis-template.js';
import { canaryComparisons } from './canary-comparisons.js';
import { createFlaggerMetricTemplates } from './flagger-metric-templates.js';

function dashboardExpressions(dashboard: Record<string, unknown>): string[] {
  const panels = dashboard.panels as Array<{ targets: Array<{ expr: string }> }>;
  const annotations = (dashboard.annotations as { list: Array<{ expr: string }> }).list;
  return [...panels.flatMap((panel) => panel.targets.map((t) => t.expr)), ...annotations.map((a) => a.expr)];
}

const policy = GatePolicySchema.parse({ latency: { maxIncreaseRatio: 1.2 } });

/** The openAPIV3Schema of a CRD in the committed Flagger fixture (see its header for provenance). */
async function flaggerSchema(crd: string): Promise<Record<string, unknown>> {
  const text = await readFile(new URL('./fixtures/flagger-crds.yaml', import.meta.url), 'utf8');
  const doc = parseAllDocuments(text)
    .map(
      (d) =>
        d.toJSON() as {
          metadata: { name: string };
          spec: { versions: Array<{ schema: { openAPIV3Schema: Record<string, unknown> } }> };
        },
    )
    .find((d) => d?.metadata?.name === crd);
  if (!doc) throw new Error(`no CRD ${crd} in the fixture`);
  return (doc.spec.versions[0] as { schema: { openAPIV3Schema: Record<string, unknown> } }).schema.openAPIV3Schema;
}

const ajv = new Ajv({ allErrors: true, strict: false });
// Kubernetes' OpenAPI integer formats carry no extra constraint for these tests.
ajv.addFormat('int32', true);
ajv.addFormat('int64', true);

describe('Argo Rollouts and Flagger templates from the agent metric definitions', () => {
  it('builds an AnalysisTemplate with the Prometheus provider that passes the Argo Rollouts schema', () => {
    const template = createArgoLiveAnalysisTemplate({ prometheusAddress: 'http://prometheus.monitoring:9090', policy });
    expect(() => new AnalysisTemplate(template as never).validate()).not.toThrow();
    const metrics = (template.spec as { metrics: Array<Record<string, unknown>> }).metrics;
    expect(metrics.map((m) => m.name)).toEqual([
      'error-rate-increase',
      'latency-p99-ratio',
      'tool-error-rate-increase',
      'tokens-per-request-ratio',
      'cost-per-request-ratio',
      'flagged-share-increase',
    ]);
    const latency = metrics[1] as { successCondition: string; provider: { prometheus: { query: string } } };
    expect(latency.successCondition).toBe('len(result) > 0 && result[0] <= 1.2');
    expect(latency.provider.prometheus.query).toContain('app="{{args.app}}",track="canary"');
    expect(latency.provider.prometheus.query).toContain('app="{{args.app}}",track="stable"');
  });

  it('rejects an invalid template name before building anything', () => {
    expect(() => createArgoLiveAnalysisTemplate({ name: 'Bad Name', prometheusAddress: 'http://p', policy })).toThrow(
      /AnalysisTemplate name/,
    );
  });

  it('builds Flagger MetricTemplates and Canary analysis entries valid against Flagger CRD schemas', async () => {
    const { templates, canaryMetrics } = createFlaggerMetricTemplates({
      prometheusAddress: 'http://prometheus.monitoring:9090',
      policy,
      namespace: 'agents',
    });
    const validateTemplate = ajv.compile(await flaggerSchema('metrictemplates.flagger.app'));
    for (const template of templates) {
      expect(validateTemplate(template), JSON.stringify(validateTemplate.errors)).toBe(true);
      expect((template.spec as { query: string }).query).toContain('[{{ interval }}]');
    }
    const canarySchema = await flaggerSchema('canaries.flagger.app');
    const validateCanary = ajv.compile(canarySchema);
    const canary = {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: { name: 'support-agent', namespace: 'agents' },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'support-agent' },
        service: { port: 8080 },
        analysis: { interval: '1m', threshold: 2, maxWeight: 50, stepWeight: 10, metrics: canaryMetrics },
      },
    };
    expect(validateCanary(canary), JSON.stringify(validateCanary.errors)).toBe(true);
    // The schema really checks: a metric without a name is refused.
    const broken = structuredClone(canary);
    (broken.spec.analysis.metrics[0] as Record<string, unknown>).name = undefined;
    delete (broken.spec.analysis.metrics[0] as Record<string, unknown>).name;
    expect(validateCanary(broken)).toBe(false);
  });

  it('every generated PromQL expression parses (promtool)', async (context) => {
    if (!(await promtoolAvailable())) return context.skip('promtool is not installed');
    const substitute = (query: string) =>
      query
        .replaceAll('{{ interval }}', '1m')
        .replaceAll('{{ namespace }}', 'agents')
        .replaceAll('{{ target }}', 'app')
        .replaceAll('{{args.app}}', 'app')
        .replaceAll('$__rate_interval', '1m')
        .replaceAll('$app', '.*');
    const expressions = [
      ...Object.values(agentQueries({ matchers: 'app="a",track="canary"', by: ['track'] })),
      ...canaryComparisons({ canary: 'track="canary"', stable: 'track="stable"', window: '5m', policy }).map(
        (c) => c.query,
      ),
      ...createFlaggerMetricTemplates({ prometheusAddress: 'http://p', policy }).templates.map(
        (t) => (t.spec as { query: string }).query,
      ),
      ...dashboardExpressions(createGrafanaDashboard()),
    ].map(substitute);
    const dir = await mkdtemp(join(tmpdir(), 'promql-'));
    try {
      const file = join(dir, 'rules.yml');
      await writeFile(
        file,
        stringify({
          groups: [{ name: 'parse', rules: expressions.map((expr, i) => ({ record: `agent:parse:${i}`, expr })) }],
        }),
      );
      const result = await execaExec('promtool', ['check', 'rules', file], { timeoutMs: 30_000 });
      expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
