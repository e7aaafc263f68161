import { z } from 'zod';
import { rolloutCanary } from '../../workflows/rollout-canary.js';
import { defineStage } from '../pipeline-stage.js';
import { ClusterOptionsSchema, imageToDeploy } from './cluster.js';

export const CanaryDeployOptionsSchema = ClusterOptionsSchema.extend({
  namespace: z.string().min(1).default('agent-prod'),
  /** The user's Kubernetes YAML (file or directory): the canary copies its Deployment, Service and Ingress. */
  manifests: z.string().min(1).optional(),
  router: z.enum(['nginx', 'gateway-api']).default('nginx'),
  /** nginx: the stable Ingress (default: app); host and path only without an Ingress to copy. */
  ingress: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  /** Gateway API: the HTTPRoute (default: app) and the stable Service (default: app). */
  route: z.string().min(1).optional(),
  stableService: z.string().min(1).optional(),
  /** Traffic steps in percent (default: the gate policy's `canary.steps`). */
  steps: z.array(z.number().positive().max(100)).min(1).optional(),
  canaryReplicas: z.number().int().min(1).default(1),
  pauseSeconds: z.number().min(0).default(0),
  holdIntervalSeconds: z.number().min(0).default(30),
  maxHolds: z.number().int().min(0).default(3),
  baseline: z.string().min(1).default('baseline/report.json'),
  policy: z.string().min(1).default('gates.yaml'),
  /** Live canary outcomes per look (JSON), for the sequential canary test. */
  canaryMetrics: z.string().min(1).optional(),
}).strict();

/**
 * `canary_deploy`: the library's canary workflow (`rolloutCanary`: plan and validate everything, then execute) —
 * the canary derived from the user's manifests next to the stable Deployment, traffic moved step by step and the
 * gate deciding at each step (baseline vs the report `prompt_regression` wrote, plus live canary outcomes when
 * given): advance, hold or roll back. Promoted passes; rolled back fails (exit 1), failed part-way fails (exit 4,
 * with the changes made and how to recover). In dry run the plan is printed and nothing runs.
 */
export const canaryDeployStage = defineStage({
  name: 'canary_deploy',
  description: 'canary at increasing traffic, the gate deciding at each step',
  options: CanaryDeployOptionsSchema,
  async run(context) {
    const { options, cwd, clock } = context;
    const image = imageToDeploy(context, 'canary_deploy');
    const outcome = await rolloutCanary(
      {
        app: options.app,
        namespace: options.namespace,
        context: options.context,
        timeout: options.timeout,
        dryRun: context.dryRun,
        image,
        container: options.container,
        manifests: options.manifests,
        router: options.router,
        ingress: options.ingress,
        host: options.host,
        path: options.path,
        route: options.route,
        stableService: options.stableService,
        steps: options.steps,
        baseline: options.baseline,
        candidate: context.state.reportFile ?? context.shared.report ?? '.agent-cicd/report.json',
        policy: options.policy,
        canaryMetrics: options.canaryMetrics,
        maxHolds: options.maxHolds,
        pause: `${options.pauseSeconds}s`,
        holdInterval: `${options.holdIntervalSeconds}s`,
        canaryReplicas: options.canaryReplicas,
        sleep: (ms) => clock.sleep(ms, context.signal),
      },
      {
        cwd,
        env: context.env,
        exec: context.exec,
        fetch: context.fetch,
        now: () => new Date(clock.now()),
        log: context.log,
      },
    );
    if (outcome.dryRun) for (const command of outcome.plan.commands) context.log(`$ ${command}`);
    const passed = outcome.status === 'succeeded';
    return {
      status: passed ? 'passed' : 'failed',
      summary: outcome.dryRun
        ? `dry run: ${outcome.plan.commands.length} commands planned for the canary of ${image}; the gate decides at each step when it runs`
        : outcome.summary,
      details: {
        status: outcome.status,
        plan: outcome.plan,
        ...(outcome.result === undefined ? {} : { history: outcome.result.history }),
        ...(outcome.changes.length === 0 ? {} : { changes: outcome.changes }),
        ...(outcome.recovery === undefined ? {} : { recovery: outcome.recovery }),
        ...(outcome.problems.length === 0 ? {} : { output: outcome.problems.join('\n') }),
      },
      ...(passed ? {} : { exitCode: outcome.status === 'failed_part_way' ? 4 : 1 }),
    };
  },
});
