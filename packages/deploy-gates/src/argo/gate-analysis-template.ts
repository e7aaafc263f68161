import type { KubeManifest } from '../kubectl/create-kubectl.js';
import { assertImageReference } from '../validate/image-reference.js';
import { assertDnsSubdomain, assertWeight } from '../validate/validate.js';

export interface GateAnalysisTemplateOptions {
  /** @default 'agent-cicd-gate' */
  name?: string;
  /** Image with the `agent-cicd` CLI (and access to the reports: baked in, mounted, or downloaded). */
  image: string;
  /** Extra `agent-cicd gate` arguments after the report and policy arguments. */
  extraArgs?: string[];
  /** Default value of the `policy` argument. @default 'gates.yaml' */
  policy?: string;
  serviceAccountName?: string;
  /** Seconds before the gate Job is killed (and the analysis fails). @default 600 */
  activeDeadlineSeconds?: number;
  /** Passed through to the Job's pod: where the reports come from. */
  volumes?: Record<string, unknown>[];
  volumeMounts?: Record<string, unknown>[];
  env?: { name: string; value: string }[];
}

/**
 * An Argo Rollouts `AnalysisTemplate` whose Job runs `agent-cicd gate`. Argo counts a Job that exits 0 as a
 * successful measurement: `promote`/`advance` (exit 0) pass; `rollback` (1), `hold` (3) and invalid input (2)
 * fail it, and with `failureLimit: 0` one failure aborts the rollout (Argo then sends traffic back to stable).
 */
export function createGateAnalysisTemplate(options: GateAnalysisTemplateOptions): KubeManifest {
  const name = assertDnsSubdomain(options.name ?? 'agent-cicd-gate', 'AnalysisTemplate name');
  const podSpec: Record<string, unknown> = {
    restartPolicy: 'Never',
    containers: [
      {
        name: 'gate',
        image: assertImageReference(options.image),
        command: ['agent-cicd', 'gate'],
        args: [
          '--baseline',
          '{{args.baseline-report}}',
          '--candidate',
          '{{args.candidate-report}}',
          '--policy',
          '{{args.policy}}',
          ...(options.extraArgs ?? []),
        ],
        ...(options.env ? { env: options.env } : {}),
        ...(options.volumeMounts ? { volumeMounts: options.volumeMounts } : {}),
      },
    ],
    ...(options.volumes ? { volumes: options.volumes } : {}),
    ...(options.serviceAccountName ? { serviceAccountName: assertDnsSubdomain(options.serviceAccountName) } : {}),
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'agent-cicd' } },
    spec: {
      args: [
        { name: 'baseline-report' },
        { name: 'candidate-report' },
        { name: 'policy', value: options.policy ?? 'gates.yaml' },
      ],
      metrics: [
        {
          name: 'agent-cicd-gate',
          failureLimit: 0,
          provider: {
            job: {
              metadata: { labels: { 'app.kubernetes.io/managed-by': 'agent-cicd' } },
              spec: {
                backoffLimit: 0,
                activeDeadlineSeconds: options.activeDeadlineSeconds ?? 600,
                template: { spec: podSpec },
              },
            },
          },
        },
      ],
    },
  };
}

/**
 * Argo Rollouts canary steps: `setWeight` then the gate analysis at each weight (100 is left to Argo's final
 * promotion). Each analysis reads the reports named by `args`.
 */
export function gateCanarySteps(options: {
  steps: number[];
  templateName?: string;
  args: { baselineReport: string; candidateReport: string; policy?: string };
}): Record<string, unknown>[] {
  const templateName = assertDnsSubdomain(options.templateName ?? 'agent-cicd-gate', 'AnalysisTemplate name');
  const args = [
    { name: 'baseline-report', value: options.args.baselineReport },
    { name: 'candidate-report', value: options.args.candidateReport },
    ...(options.args.policy === undefined ? [] : [{ name: 'policy', value: options.args.policy }]),
  ];
  return options.steps
    .filter((weight) => assertWeight(weight) < 100)
    .flatMap((weight) => [{ setWeight: weight }, { analysis: { templates: [{ templateName }], args } }]);
}
