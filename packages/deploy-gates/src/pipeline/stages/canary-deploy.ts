import { resolve } from 'node:path';
import { z } from 'zod';
import { loadCanaryMetrics } from '../../canary-analysis/load-canary-metrics.js';
import { decide } from '../../decision/decide.js';
import type { Decision } from '../../decision/decision.js';
import { loadRunReport } from '../../decision/load-run-report.js';
import type { GatePolicy } from '../../policy/gate-policy-schema.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { canaryName, deployCanary } from '../../rollout/deploy-canary.js';
import { createGatewayApiRouter } from '../../routers/gateway-api-router.js';
import { createNginxCanaryRouter } from '../../routers/nginx-canary-router.js';
import type { TrafficRouter } from '../../routers/traffic-router.js';
import { defineStage } from '../pipeline-stage.js';
import { ClusterOptionsSchema, imageToDeploy, stageKubectl } from './cluster.js';

export const CanaryDeployOptionsSchema = ClusterOptionsSchema.extend({
  namespace: z.string().min(1).default('agent-prod'),
  router: z.enum(['nginx', 'gateway-api']).default('nginx'),
  /** nginx: the stable Ingress (default: app) and its host. */
  ingress: z.string().min(1).optional(),
  host: z.string().min(1).default('api.agent-system.com'),
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
type CanaryDeployOptions = z.output<typeof CanaryDeployOptionsSchema>;

function routerFor(
  options: CanaryDeployOptions,
  kubectl: Parameters<typeof createNginxCanaryRouter>[0]['kubectl'],
): TrafficRouter {
  const canaryService = canaryName(options.app);
  if (options.router === 'nginx') {
    return createNginxCanaryRouter({
      kubectl,
      ingress: options.ingress ?? options.app,
      host: options.host,
      canaryService,
    });
  }
  return createGatewayApiRouter({
    kubectl,
    route: options.route ?? options.app,
    stableService: options.stableService ?? options.app,
    canaryService,
  });
}

/**
 * `canary_deploy`: the canary next to the stable Deployment (`deployCanary`), traffic moved step by step, and
 * the gate deciding at each step (baseline vs the candidate's report, plus live canary outcomes when given):
 * advance, hold (re-analyse) or roll back. Promoted passes; rolled back fails.
 */
export const canaryDeployStage = defineStage({
  name: 'canary_deploy',
  description: 'canary at increasing traffic, the gate deciding at each step',
  options: CanaryDeployOptionsSchema,
  async run(context) {
    const { options, cwd, clock } = context;
    const image = imageToDeploy(context, 'canary_deploy');
    const loaded = await loadPolicy(resolve(cwd, options.policy));
    const steps = options.steps ?? loaded.canary.steps;
    const policy: GatePolicy = { ...loaded, canary: { ...loaded.canary, steps } };
    const baseline = await loadRunReport(resolve(cwd, options.baseline));
    const candidate =
      context.state.report ??
      (await loadRunReport(resolve(cwd, context.state.reportFile ?? '.agent-cicd/report.json')));
    const analyze = async (weight: number): Promise<Decision> => {
      const canaryMetrics =
        options.canaryMetrics === undefined ? undefined : await loadCanaryMetrics(resolve(cwd, options.canaryMetrics));
      return decide({ baseline, candidate, policy, step: weight, ...(canaryMetrics ? { canaryMetrics } : {}) });
    };
    const { kubectl, plan } = stageKubectl(context, options);
    const result = await deployCanary({
      kubectl,
      router: routerFor(options, kubectl),
      app: options.app,
      image,
      steps,
      maxHolds: options.maxHolds,
      pauseMs: options.pauseSeconds * 1000,
      holdIntervalMs: options.holdIntervalSeconds * 1000,
      timeout: options.timeout,
      canaryReplicas: options.canaryReplicas,
      sleep: (ms) => clock.sleep(ms, context.signal),
      ...(options.container === undefined ? {} : { container: options.container }),
      analyze: async (step) => {
        const decision = await analyze(step.weight);
        context.log(
          `canary ${step.weight}% (analysis ${step.attempt}): ${decision.action} — ${decision.reasons[0] ?? ''}`,
        );
        return decision;
      },
      log: (message) => context.log(`canary: ${message}`),
    });
    const trail = result.history.map((entry) => `${entry.weight}%:${entry.action}`).join(' ');
    const promoted = result.outcome === 'promoted';
    const verified = result.dryRun ? 'dry run, not verified' : result.verified ? 'verified' : 'NOT verified';
    return {
      status: promoted && (result.verified || result.dryRun) ? 'passed' : 'failed',
      summary: promoted
        ? `promoted ${image} [${trail}] (${verified}${result.dryRun ? `, ${plan().length} kubectl commands planned` : ''})`
        : `rolled back [${trail}]: ${result.reasons.join('; ')} (${verified})`,
      details: {
        outcome: result.outcome,
        history: result.history,
        reasons: result.reasons,
        problems: result.problems,
        plan: plan(),
      },
    };
  },
});
