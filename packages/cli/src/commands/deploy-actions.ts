import { resolve } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core';
import {
  canaryName,
  createDeployMetrics,
  createGateAnalysisTemplate,
  createGatewayApiRouter,
  createNginxCanaryRouter,
  type Decision,
  DeployErrorCode,
  decide,
  defaultPolicy,
  deployCanary,
  type GatePolicy,
  type Kubectl,
  loadCanaryMetrics,
  loadPolicy,
  loadRunReport,
  type ReleaseBundle,
  recordRelease,
  releaseConfigMap,
  runBlueGreen,
  type TrafficRouter,
} from '@agent-cicd/deploy-gates';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import type { ClusterFlags } from './deploy-options.js';
import {
  imageFor,
  kubectlFor,
  loadRelease,
  parseCount,
  parseDurationMs,
  parseSteps,
  releaseStoreFor,
  writeMetrics,
} from './deploy-runtime.js';
import type { CliState } from './types.js';

export interface DeployFlags extends ClusterFlags {
  image: string;
  resolveDigest?: boolean;
  container?: string;
  release?: string;
  metricsFile?: string;
}

export interface BlueGreenFlags extends DeployFlags {
  service?: string;
  replicas: string;
  colorLabel: string;
  smokeUrl?: string;
}

export interface CanaryFlags extends DeployFlags {
  router: 'nginx' | 'gateway-api';
  ingress?: string;
  host?: string;
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
}

/** Release ConfigMap first (if any), so the new pods start with the release's prompt and model config. */
async function prepareRelease(
  flags: DeployFlags,
  io: CliIo,
  kubectl: Kubectl,
  image: string,
): Promise<ReleaseBundle | undefined> {
  if (flags.release === undefined) return undefined;
  const release = await loadRelease(resolve(io.cwd, flags.release), image);
  await kubectl.apply(releaseConfigMap(flags.app, release));
  return release;
}

async function recordSuccess(flags: DeployFlags, io: CliIo, kubectl: Kubectl, release: ReleaseBundle | undefined) {
  if (release === undefined || kubectl.runner.dryRun) return;
  const store = releaseStoreFor(flags, io, kubectl);
  const history = await store.load();
  await store.save(recordRelease(history, release, { action: 'deploy', at: new Date().toISOString() }));
}

function smokeCheck(url: string | undefined): (() => Promise<void>) | undefined {
  if (url === undefined) return undefined;
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`smoke check ${url} answered ${response.status}`);
  };
}

function routerFor(flags: CanaryFlags, kubectl: Kubectl): TrafficRouter {
  const canaryService = canaryName(flags.app);
  if (flags.router === 'nginx') {
    if (!flags.host) {
      throw new AgentCicdError(DeployErrorCode.invalidInput, '--router nginx needs --host (the Ingress host)');
    }
    return createNginxCanaryRouter({ kubectl, ingress: flags.ingress ?? flags.app, host: flags.host, canaryService });
  }
  return createGatewayApiRouter({
    kubectl,
    route: flags.route ?? flags.app,
    stableService: flags.stableService ?? flags.app,
    canaryService,
  });
}

function printOutcome(io: CliIo, flags: ClusterFlags, result: object, summary: string) {
  io.stdout(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${summary}\n`);
}

/** `deploy blue-green`. */
export async function runBlueGreenDeploy(flags: BlueGreenFlags, io: CliIo, state: CliState): Promise<void> {
  const kubectl = kubectlFor(flags, io);
  const image = await imageFor(flags, io);
  const release = await prepareRelease(flags, io, kubectl, image);
  const smoke = smokeCheck(flags.smokeUrl);
  const result = await runBlueGreen({
    kubectl,
    app: flags.app,
    service: flags.service ?? flags.app,
    image,
    replicas: parseCount(flags.replicas, '--replicas', 1),
    colorLabel: flags.colorLabel,
    timeout: flags.timeout,
    ...(flags.container === undefined ? {} : { container: flags.container }),
    ...(release === undefined
      ? {}
      : { release: release.id, configMap: releaseConfigMap(flags.app, release).metadata.name }),
    ...(smoke === undefined ? {} : { smoke }),
    log: (message) => io.stderr(`[blue-green] ${message}\n`),
  });
  const metrics = createDeployMetrics();
  const switched = result.outcome === 'switched';
  metrics.recordDeploy({ app: flags.app, strategy: 'blue-green', outcome: switched ? 'success' : 'rolled_back' });
  if (!switched) metrics.recordRollback({ app: flags.app, reason: 'failure' });
  await writeMetrics(flags.metricsFile, io, metrics);
  if (switched) await recordSuccess(flags, io, kubectl, release);
  const check = result.dryRun ? 'dry-run, not verified' : result.verified ? 'verified' : 'NOT verified';
  printOutcome(
    io,
    flags,
    result,
    switched
      ? `switched ${flags.service ?? flags.app} to ${result.targetColor} (${check})`
      : `rolled back to ${result.liveColor ?? '(none)'} after ${result.failure?.step} failed: ${result.failure?.message} (${check})${result.problems.map((p) => `\n  - ${p}`).join('')}`,
  );
  state.exitCode = switched && (result.verified || result.dryRun) ? ExitCode.ok : ExitCode.failed;
}

/** `deploy canary`. */
export async function runCanaryDeploy(flags: CanaryFlags, io: CliIo, state: CliState): Promise<void> {
  const at = (file: string) => resolve(io.cwd, file);
  const loaded = flags.policy === undefined ? defaultPolicy() : await loadPolicy(at(flags.policy));
  const steps = flags.steps === undefined ? loaded.canary.steps : parseSteps(flags.steps);
  // decide() answers advance/promote from the policy's steps, so they must be the steps we run.
  const policy: GatePolicy = { ...loaded, canary: { ...loaded.canary, steps } };
  const maxHolds = parseCount(flags.maxHolds, '--max-holds');
  const pauseMs = parseDurationMs(flags.pause, '--pause');
  const holdIntervalMs = parseDurationMs(flags.holdInterval, '--hold-interval');
  const analyzeAt = async (weight: number): Promise<Decision> => {
    const [baseline, candidate, canaryMetrics] = await Promise.all([
      loadRunReport(at(flags.baseline)),
      loadRunReport(at(flags.candidate)),
      flags.canaryMetrics === undefined ? undefined : loadCanaryMetrics(at(flags.canaryMetrics)),
    ]);
    return decide({ baseline, candidate, policy, step: weight, ...(canaryMetrics ? { canaryMetrics } : {}) });
  };
  await analyzeAt(steps[0] ?? 100); // unreadable reports are invalid input (exit 2) before anything runs

  const kubectl = kubectlFor(flags, io);
  const router = routerFor(flags, kubectl);
  const image = await imageFor(flags, io);
  const release = await prepareRelease(flags, io, kubectl, image);
  const result = await deployCanary({
    kubectl,
    router,
    app: flags.app,
    image,
    steps,
    maxHolds,
    pauseMs,
    holdIntervalMs,
    timeout: flags.timeout,
    canaryReplicas: parseCount(flags.canaryReplicas, '--canary-replicas', 1),
    ...(flags.container === undefined ? {} : { container: flags.container }),
    ...(release === undefined
      ? {}
      : { release: release.id, configMap: releaseConfigMap(flags.app, release).metadata.name }),
    analyze: async (step) => {
      const decision = await analyzeAt(step.weight);
      io.stderr(
        `[canary] ${step.weight}% (analysis ${step.attempt}): ${decision.action} - ${decision.reasons[0] ?? ''}\n`,
      );
      return decision;
    },
    log: (message) => io.stderr(`[canary] ${message}\n`),
  });
  const metrics = createDeployMetrics();
  const promoted = result.outcome === 'promoted';
  metrics.recordDeploy({ app: flags.app, strategy: 'canary', outcome: promoted ? 'success' : 'rolled_back' });
  if (!promoted) metrics.recordRollback({ app: flags.app, reason: result.failure ? 'failure' : 'analysis' });
  await writeMetrics(flags.metricsFile, io, metrics);
  if (promoted) await recordSuccess(flags, io, kubectl, release);
  const check = result.dryRun ? 'dry-run, not verified' : result.verified ? 'verified' : 'NOT verified';
  const trail = result.history.map((h) => `${h.weight}%:${h.action}`).join(' ');
  printOutcome(
    io,
    flags,
    result,
    promoted
      ? `promoted ${image} to ${flags.app} [${trail}] (${check})`
      : `rolled back ${flags.app} [${trail}]: ${result.reasons.join('; ')} (${check})${result.problems.map((p) => `\n  - ${p}`).join('')}`,
  );
  state.exitCode = promoted && (result.verified || result.dryRun) ? ExitCode.ok : ExitCode.failed;
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
