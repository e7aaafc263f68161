import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { digestA } from '../test-utils/cluster-fixtures.js';
import { createGateAnalysisTemplate, gateCanarySteps } from './gate-analysis-template.js';

// @kubernetes-models/argo-rollouts declares node>=22; these tests show its schema validation runs on Node 20.
describe('Argo Rollouts AnalysisTemplate for agent-cicd gate', () => {
  const template = createGateAnalysisTemplate({
    image: 'ghcr.io/acme/agent-cicd:0.1.0',
    volumes: [{ name: 'reports', configMap: { name: 'agent-reports' } }],
    volumeMounts: [{ name: 'reports', mountPath: '/reports' }],
  });

  it('runs `agent-cicd gate` as a Job with the reports as template args', () => {
    const spec = template.spec as {
      metrics: {
        failureLimit: number;
        provider: {
          job: {
            spec: { backoffLimit: number; template: { spec: { containers: { command: string[]; args: string[] }[] } } };
          };
        };
      }[];
    };
    const metric = spec.metrics[0];
    expect(metric?.failureLimit).toBe(0);
    expect(metric?.provider.job.spec.backoffLimit).toBe(0);
    const container = metric?.provider.job.spec.template.spec.containers[0];
    expect(container?.command).toEqual(['agent-cicd', 'gate']);
    expect(container?.args).toEqual([
      '--baseline',
      '{{args.baseline-report}}',
      '--candidate',
      '{{args.candidate-report}}',
      '--policy',
      '{{args.policy}}',
    ]);
  });

  it('passes the Argo Rollouts CRD schema', () => {
    expect(() => new AnalysisTemplate(template as never).validate()).not.toThrow();
  });

  it('the schema check can fail (a Job metric without a container image is refused)', () => {
    const broken = structuredClone(template) as unknown as {
      spec: { metrics: { provider: { job: { spec: { template: { spec: { containers: unknown[] } } } } } }[] };
    };
    const job = broken.spec.metrics[0]?.provider.job.spec.template.spec;
    if (job) job.containers = [{ name: 5 }];
    expect(() => new AnalysisTemplate(broken as never).validate()).toThrow();
  });

  it('canary steps with the analysis at each weight fit a Rollout', () => {
    const steps = gateCanarySteps({
      steps: [5, 25, 50, 100],
      args: { baselineReport: '/reports/baseline.json', candidateReport: '/reports/candidate.json' },
    });
    expect(steps.map((s) => Object.keys(s)[0])).toEqual([
      'setWeight',
      'analysis',
      'setWeight',
      'analysis',
      'setWeight',
      'analysis',
    ]);
    const rollout = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'agent' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: digestA }] } },
        strategy: { canary: { steps } },
      },
    };
    expect(() => new Rollout(rollout as never).validate()).not.toThrow();
  });

  it('refuses unsafe input', () => {
    expect(() => createGateAnalysisTemplate({ image: 'x; rm -rf /' })).toThrow(InvalidInputError);
    expect(() => createGateAnalysisTemplate({ image: digestA, name: 'Gate!' })).toThrow(InvalidInputError);
  });
});
