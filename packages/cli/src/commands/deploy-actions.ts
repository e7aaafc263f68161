import { deployBlueGreen, promoteCanary, rolloutCanary } from '@agent-cicd/deploy-gates';
import { createGateAnalysisTemplate } from '@agent-cicd/deploy-gates/controllers';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io.js';
import type { ClusterFlags } from './deploy-options.js';
import { clusterInput, finishWorkflow, metricsFileFor, parseCount, parseSteps, workflowIo } from './deploy-runtime.js';
import type { CliState } from './types.js';

export interface DeployFlags extends ClusterFlags {
  image: string;
  resolveDigest?: boolean;
  container?: string;
  release?: string;
  metricsFile?: string;
  manifests?: string;
}

export interface BlueGreenFlags extends DeployFlags {
  service?: string;
  deployment?: string;
  replicas?: string;
  keepWarm: string;
  colorLabel: string;
  smokeUrl?: string;
}

export interface CanaryFlags extends DeployFlags {
  router: 'nginx' | 'gateway-api';
  ingress?: string;
  host?: string;
  path?: string;
  route?: string;
  stableService?: string;
  steps?: string;
  baseline: string;
  candidate: string;
  policy?: string;
  canaryMetrics?: string;
  maxHolds: string;
  pause: string;
  holdInterval: string;
  canaryReplicas: string;
  promote: boolean;
  prometheus?: string;
  stepBudget?: string;
  trackLabel?: string;
}

export interface PromoteFlags extends ClusterFlags {
  image: string;
  container?: string;
  release?: string;
  router: 'nginx' | 'gateway-api';
  ingress?: string;
  route?: string;
  stableService?: string;
  metricsFile?: string;
}

/** `deploy blue-green`: parse → `deployBlueGreen` (plan, validate, execute) → print → exit code. */
export async function runBlueGreenDeploy(flags: BlueGreenFlags, io: CliIo, state: CliState): Promise<void> {
  metricsFileFor(flags, io);
  const outcome = await deployBlueGreen(
    {
      ...clusterInput(flags),
      image: flags.image,
      resolveDigest: flags.resolveDigest,
      service: flags.service,
      colorLabel: flags.colorLabel,
      replicas: flags.replicas === undefined ? undefined : parseCount(flags.replicas, '--replicas', 1),
      keepWarm: parseCount(flags.keepWarm, '--keep-warm'),
      container: flags.container,
      smokeUrl: flags.smokeUrl,
      releaseFile: flags.release,
      manifests: flags.manifests,
      deployment: flags.deployment,
    },
    workflowIo(io),
  );
  await finishWorkflow(outcome, flags, io, state, { strategy: 'blue-green' });
}

/** `deploy canary`: parse → `rolloutCanary` (plan, validate, execute) → print → exit code. */
export async function runCanaryDeploy(flags: CanaryFlags, io: CliIo, state: CliState): Promise<void> {
  metricsFileFor(flags, io);
  const live = flags.prometheus === undefined ? undefined : await liveAnalysisFor(flags, io);
  const outcome = await rolloutCanary(
    {
      ...clusterInput(flags),
      image: flags.image,
      resolveDigest: flags.resolveDigest,
      container: flags.container,
      releaseFile: flags.release,
      manifests: flags.manifests,
      router: flags.router,
      ingress: flags.ingress,
      host: flags.host,
      path: flags.path,
      route: flags.route,
      stableService: flags.stableService,
      steps: flags.steps === undefined ? undefined : parseSteps(flags.steps),
      baseline: flags.baseline,
      candidate: flags.candidate,
      policy: flags.policy,
      canaryMetrics: flags.canaryMetrics,
      maxHolds: parseCount(flags.maxHolds, '--max-holds'),
      pause: flags.pause,
      holdInterval: flags.holdInterval,
      canaryReplicas: parseCount(flags.canaryReplicas, '--canary-replicas', 1),
      promote: flags.promote,
      // Live analysis: the step budget decides how long a step may hold, not a count of holds.
      ...(live ? { analyze: live.analyze, maxHolds: 1_000_000 } : {}),
    },
    workflowIo(io),
  );
  if (live && !outcome.dryRun) await live.finish(outcome.status === 'succeeded' ? 'promoted' : 'rolled_back');
  await finishWorkflow(outcome, flags, io, state, { strategy: 'canary' });
}

/** `--prometheus`: live analysis of the app's tracks, steerable with `agent-cicd canary …`. */
async function liveAnalysisFor(flags: CanaryFlags, io: CliIo) {
  const { defaultPolicy, loadPolicy } = await import('@agent-cicd/deploy-gates');
  const { createLiveRolloutAnalysis } = await import('@agent-cicd/deploy-gates/live');
  const { createCommandRunner, createKubectl, durationToMs } = await import('@agent-cicd/deploy-gates/runtime');
  const { resolve } = await import('node:path');
  const loaded = flags.policy === undefined ? defaultPolicy() : await loadPolicy(resolve(io.cwd, flags.policy));
  const steps = flags.steps === undefined ? loaded.canary.steps : parseSteps(flags.steps);
  const kubectl = createKubectl({
    runner: createCommandRunner({ dryRun: flags.dryRun ?? false, env: io.env }),
    ...(flags.context === undefined ? {} : { context: flags.context }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
  });
  return createLiveRolloutAnalysis({
    prometheus: flags.prometheus as string,
    app: flags.app,
    policy: { ...loaded, canary: { ...loaded.canary, steps } },
    ...(flags.trackLabel === undefined ? {} : { trackLabel: flags.trackLabel }),
    stepBudgetMs: durationToMs(flags.stepBudget ?? '10m'),
    control: { kubectl, historyConfigMap: flags.historyConfigmap ?? `${flags.app}-releases` },
  });
}

/** `deploy promote`: parse → `promoteCanary` (plan, validate, execute) → print → exit code. */
export async function runPromote(flags: PromoteFlags, io: CliIo, state: CliState): Promise<void> {
  metricsFileFor(flags, io);
  const outcome = await promoteCanary(
    {
      ...clusterInput(flags),
      image: flags.image,
      container: flags.container,
      releaseFile: flags.release,
      router: flags.router,
      ingress: flags.ingress,
      route: flags.route,
      stableService: flags.stableService,
    },
    workflowIo(io),
  );
  await finishWorkflow(outcome, flags, io, state, { strategy: 'canary' });
}

export interface AnalysisTemplateFlags {
  image: string;
  name: string;
  policy: string;
  serviceAccount?: string;
}

/** `deploy analysis-template`. */
export function printAnalysisTemplate(flags: AnalysisTemplateFlags, io: CliIo): void {
  const template = createGateAnalysisTemplate({
    image: flags.image,
    name: flags.name,
    policy: flags.policy,
    ...(flags.serviceAccount === undefined ? {} : { serviceAccountName: flags.serviceAccount }),
  });
  io.stdout(stringify(template));
}
