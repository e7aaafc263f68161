import { resolve } from 'node:path';
import { loadCanaryMetrics } from '../canary-analysis/load-canary-metrics.js';
import { decide } from '../decision/decide.js';
import type { Decision } from '../decision/decision.js';
import { loadRunReport } from '../decision/load-run-report.js';
import { InvalidInputError } from '../errors.js';
import { createCommandRunner } from '../exec/command-runner.js';
import { createKubectl, durationToMs, type Kubectl, type KubeManifest } from '../kubectl/create-kubectl.js';
import { deriveCanaryIngress } from '../manifests/derive-canary-ingress.js';
import { deriveDeployment, pickContainer } from '../manifests/derive-deployment.js';
import { deriveService, serviceSelector } from '../manifests/derive-service.js';
import type { KubeObject } from '../manifests/kube-object.js';
import { findObject, loadManifests } from '../manifests/load-manifests.js';
import { defaultPolicy, type GatePolicy } from '../policy/gate-policy-schema.js';
import { loadPolicy } from '../policy/load-policy.js';
import { releaseConfigMap } from '../release/apply-release.js';
import { loadReleaseFile } from '../release/load-release-file.js';
import type { ReleaseBundle } from '../release/release-bundle.js';
import { recordRelease } from '../release/release-history.js';
import { canaryName, type DeployCanaryResult, deployCanary } from '../rollout/deploy-canary.js';
import type { CanaryStep, StepAnalysis } from '../rollout/run-canary.js';
import { createGatewayApiRouter } from '../routers/gateway-api-router.js';
import { createNginxCanaryRouter } from '../routers/nginx-canary-router.js';
import type { TrafficRouter } from '../routers/traffic-router.js';
import { assertImageReference } from '../validate/image-reference.js';
import {
  assertDnsLabel,
  assertDnsSubdomain,
  assertDuration,
  assertLabelValue,
  assertReplicas,
  assertWeight,
} from '../validate/validate.js';
import { resolveImage } from './deploy-blue-green.js';
import { planThenExecute } from './plan-then-execute.js';
import {
  type ClusterClients,
  type ClusterInput,
  clusterClients,
  planLines,
  type WorkflowIo,
} from './workflow-context.js';
import { guardExecution, type RolloutPlan, type WorkflowOutcome } from './workflow-outcome.js';

export interface CanaryRolloutInput extends ClusterInput {
  image: string;
  resolveDigest?: boolean | undefined;
  container?: string | undefined;
  releaseFile?: string | undefined;
  /** The user's Kubernetes YAML (file or directory); the stable Deployment/Service/Ingress are read from it. */
  manifests?: string | undefined;
  /** @default 'gateway-api' */
  router?: 'nginx' | 'gateway-api' | undefined;
  /** nginx: the stable Ingress. @default app */
  ingress?: string | undefined;
  /** nginx, only without a stable Ingress to copy: host and path of the generated canary Ingress. */
  host?: string | undefined;
  path?: string | undefined;
  /** gateway-api: the HTTPRoute. @default app */
  route?: string | undefined;
  /** The stable Service. @default app */
  stableService?: string | undefined;
  /** Traffic percentages. @default the policy's canary.steps */
  steps?: number[] | undefined;
  /** Run reports (JSON) re-read at every analysis. */
  baseline: string;
  candidate: string;
  policy?: string | undefined;
  canaryMetrics?: string | undefined;
  /** @default 3 */
  maxHolds?: number | undefined;
  /** @default '0s' */
  pause?: string | undefined;
  /** @default '30s' */
  holdInterval?: string | undefined;
  /** @default 1 */
  canaryReplicas?: number | undefined;
  /**
   * Promote after the last step. `false` stops there (the seed's "canary at 5%, observe, approve"): the canary
   * keeps the last weight and `promoteCanary` (`agent-cicd deploy promote`) finishes after the approval.
   * @default true
   */
  promote?: boolean | undefined;
  /** Replaces the gate (reports + policy) at each step, e.g. for a custom analysis. */
  analyze?: ((step: CanaryStep) => Promise<StepAnalysis>) | undefined;
  /** @default setTimeout */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

export interface CanaryRolloutPlan extends RolloutPlan {
  action: 'canary';
  clients: ClusterClients;
  image: string;
  container: string;
  steps: number[];
  policy: GatePolicy;
  maxHolds: number;
  pauseMs: number;
  holdIntervalMs: number;
  canaryReplicas: number;
  canaryObjects: { deployment: KubeManifest; service: KubeManifest } | undefined;
  canaryIngress: KubeManifest | undefined;
  stableImages: Record<string, string> | undefined;
  release: ReleaseBundle | undefined;
  releaseConfigMap: KubeManifest | undefined;
  promote: boolean;
  routerKind: 'nginx' | 'gateway-api';
  routerOptions: { ingress: string; host?: string; path?: string; route: string; stableService: string };
}

/**
 * The label that keeps canary pods out of the stable Service and Deployment: `app` when the selector has it,
 * else the selector's first key; its value gets `-canary`.
 */
function canaryLabels(deploymentSelector: Record<string, string>, app: string): Record<string, string> {
  const key = 'app' in deploymentSelector ? 'app' : (Object.keys(deploymentSelector)[0] ?? 'app');
  const value = assertLabelValue(`${deploymentSelector[key] ?? app}-canary`.slice(0, 63), 'canary label value');
  return { [key]: value, track: 'canary' };
}

function stepsOf(steps: number[]): number[] {
  if (steps.length === 0) throw new InvalidInputError('a canary needs at least one step');
  let previous = 0;
  for (const step of steps) {
    assertWeight(step);
    if (step <= previous)
      throw new InvalidInputError(`canary steps must increase from 1 to 100, got ${steps.join(', ')}`);
    previous = step;
  }
  return steps;
}

const countOf = (value: number, what: string, min: number): number => {
  if (!Number.isInteger(value) || value < min)
    throw new InvalidInputError(`${what} must be an integer ≥ ${min}, got ${value}`);
  return value;
};

/** The gate from run reports and a policy, re-reading the files at every analysis. */
export function reportGate(
  input: Pick<CanaryRolloutInput, 'baseline' | 'candidate' | 'canaryMetrics'>,
  policy: GatePolicy,
  cwd: string,
): (weight: number) => Promise<Decision> {
  const at = (file: string) => resolve(cwd, file);
  return async (weight) => {
    const [baseline, candidate, canaryMetrics] = await Promise.all([
      loadRunReport(at(input.baseline)),
      loadRunReport(at(input.candidate)),
      input.canaryMetrics === undefined ? undefined : loadCanaryMetrics(at(input.canaryMetrics)),
    ]);
    return decide({ baseline, candidate, policy, step: weight, ...(canaryMetrics ? { canaryMetrics } : {}) });
  };
}

/** Validates all input, reads the stable objects (reads only) and derives the canary's. Changes nothing. */
export async function planCanaryRollout(input: CanaryRolloutInput, io: WorkflowIo): Promise<CanaryRolloutPlan> {
  const clients = clusterClients(input, io);
  const { app, kubectl } = clients;
  const canary = assertDnsLabel(canaryName(app), 'canary name');
  const routerKind = input.router ?? 'gateway-api';
  if (routerKind !== 'nginx' && routerKind !== 'gateway-api') {
    throw new InvalidInputError(`unknown router ${JSON.stringify(routerKind)} (nginx or gateway-api)`);
  }
  const stableService = assertDnsLabel(input.stableService ?? app, 'stable service name');
  const ingress = assertDnsSubdomain(input.ingress ?? app, 'ingress name');
  const route = assertDnsSubdomain(input.route ?? app, 'HTTPRoute name');
  if (input.host !== undefined) assertDnsSubdomain(input.host, 'host');
  if (input.path !== undefined && !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(input.path)) {
    throw new InvalidInputError(`invalid path ${JSON.stringify(input.path)}: an absolute URL path such as /v1/chat`);
  }
  const loaded = input.policy === undefined ? defaultPolicy() : await loadPolicy(resolve(io.cwd, input.policy));
  const steps = stepsOf(input.steps ?? loaded.canary.steps);
  // decide() answers advance/promote from the policy's steps, so they must be the steps we run.
  const policy: GatePolicy = { ...loaded, canary: { ...loaded.canary, steps } };
  const maxHolds = countOf(input.maxHolds ?? 3, 'max holds', 0);
  const pauseMs = durationToMs(assertDuration(input.pause ?? '0s', '--pause'));
  const holdIntervalMs = durationToMs(assertDuration(input.holdInterval ?? '30s', '--hold-interval'));
  const canaryReplicas = countOf(assertReplicas(input.canaryReplicas ?? 1), 'canary replicas', 1);
  if (input.container !== undefined) assertDnsLabel(input.container, 'container name');
  assertImageReference(input.image);
  // Unreadable reports are invalid input before anything runs.
  if (input.analyze === undefined) await reportGate(input, policy, io.cwd)(steps[0] ?? 100);
  const objects =
    input.manifests === undefined ? undefined : (await loadManifests(input.manifests, io.cwd)).map((o) => o);
  const fromManifests = (kind: string, name: string) =>
    objects === undefined ? undefined : findObject(objects, kind, name, input.manifests as string);
  const userDeployment = fromManifests('Deployment', app);
  if (objects !== undefined && userDeployment === undefined) {
    throw new InvalidInputError(`${input.manifests} has no Deployment named ${app} (the stable Deployment)`);
  }
  // Reads start here.
  const image = await resolveImage(clients, input.image, input.resolveDigest);
  const release =
    input.releaseFile === undefined
      ? undefined
      : await loadReleaseFile(resolve(io.cwd, input.releaseFile), image, input.releaseFile);
  const releaseCm = release === undefined ? undefined : releaseConfigMap(app, release);
  // The history must be readable now: a deploy that switches traffic and then cannot record it is half done.
  if (release !== undefined) await clients.store.load();
  const read = async (kind: string, name: string) =>
    clients.dryRun ? undefined : ((await kubectl.getJson(kind, name, { optional: true })) as KubeObject | undefined);
  const liveStable = await read('deployment', app);
  if (!clients.dryRun && liveStable === undefined) {
    throw new InvalidInputError(`deployment ${app} not found: a canary runs beside the stable Deployment`);
  }
  const stableBase = userDeployment?.object ?? liveStable;
  const container = stableBase ? pickContainer(stableBase, input.container) : (input.container ?? app);
  const stableImages = liveStable
    ? Object.fromEntries(
        (
          liveStable.spec as { template: { spec: { containers: { name: string; image: string }[] } } }
        ).template.spec.containers.map((c) => [c.name, c.image]),
      )
    : undefined;
  if (stableImages !== undefined && stableImages[container] === undefined) {
    throw new InvalidInputError(`deployment ${app} has no container named ${container}`);
  }
  const serviceBase = fromManifests('Service', stableService)?.object ?? (await read('service', stableService));
  let canaryObjects: CanaryRolloutPlan['canaryObjects'];
  if (stableBase !== undefined) {
    const selector = (stableBase.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
    const labels = canaryLabels(selector, app);
    const deployment = deriveDeployment(stableBase, {
      name: canary,
      labels,
      container,
      image,
      replicas: canaryReplicas,
      ...(release === undefined ? {} : { release: release.id }),
      ...(releaseCm === undefined
        ? {}
        : { releaseConfigMap: { name: releaseCm.metadata.name, prefix: `${app}-config-` } }),
    });
    const matchLabels = (deployment.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
    const service =
      serviceBase === undefined ? undefined : deriveService(serviceBase, { name: canary, selector: matchLabels });
    if (service === undefined) {
      throw new InvalidInputError(
        `service ${stableService} not found: the canary Service is copied from the stable one`,
      );
    }
    if (Object.keys(serviceSelector(serviceBase as KubeObject)).length === 0) {
      throw new InvalidInputError(`service ${stableService} has no selector`);
    }
    canaryObjects = { deployment: deployment as KubeManifest, service: service as KubeManifest };
  }
  let canaryIngress: KubeManifest | undefined;
  if (routerKind === 'nginx') {
    const stableIngress = fromManifests('Ingress', ingress)?.object ?? (await read('ingress', ingress));
    if (stableIngress !== undefined) {
      canaryIngress = deriveCanaryIngress(stableIngress, {
        name: `${ingress}-canary`,
        stableService,
        canaryService: canary,
      }) as KubeManifest;
    } else if (input.host === undefined) {
      throw new InvalidInputError(
        `ingress ${ingress} not found${clients.dryRun ? ' in --manifests' : ''}: pass --manifests with the stable Ingress, or --host (and --path) to generate one`,
      );
    }
  }
  const draft = {
    clients,
    image,
    container,
    steps,
    policy,
    maxHolds,
    pauseMs,
    holdIntervalMs,
    canaryReplicas,
    canaryObjects,
    canaryIngress,
    stableImages,
    release,
    releaseConfigMap: releaseCm,
    promote: input.promote ?? true,
    routerKind,
    routerOptions: {
      ingress,
      route,
      stableService,
      ...(input.host === undefined ? {} : { host: input.host }),
      ...(input.path === undefined ? {} : { path: input.path }),
    },
  } satisfies Omit<CanaryRolloutPlan, keyof RolloutPlan>;
  const commands = await canaryHappyPath(draft, input);
  const source = userDeployment ? `${userDeployment.file}:${userDeployment.line}` : `the live deployment ${app}`;
  return {
    action: 'canary',
    ...draft,
    facts: [
      ['app', app],
      ...(input.context === undefined ? [] : ([['context', input.context]] as [string, string][])),
      ...(input.namespace === undefined ? [] : ([['namespace', input.namespace]] as [string, string][])),
      ['image', image],
      [
        'canary',
        `${canary} (Deployment + Service), ${canaryReplicas} replicas, copied from ${clients.dryRun && !userDeployment ? `${source} (read when run)` : source}`,
      ],
      [
        'router',
        routerKind === 'nginx'
          ? `nginx: Ingress ${ingress}-canary copied from ${ingress}`
          : `gateway-api: HTTPRoute ${route}`,
      ],
      [
        'steps',
        `${steps.map((s) => `${s}%`).join(' → ')}${input.promote === false ? ', then stay for approval (no promotion)' : ', then promote'}`,
      ],
      ['gate', input.analyze ? 'custom analysis' : `baseline ${input.baseline}, candidate ${input.candidate}`],
      ['release', release === undefined ? '(none)' : `${release.id} (ConfigMap ${releaseCm?.metadata.name})`],
      ['history', release === undefined ? '(not recorded without --release)' : clients.store.description],
    ],
    commands,
    onFailure: [
      'set the canary weight to 0',
      `undo the stable rollout of ${app} if promotion had started`,
      `scale ${canary} to 0`,
      'read the weight and both Deployments back',
    ],
  };
}

export function routerFor(plan: Omit<CanaryRolloutPlan, keyof RolloutPlan>, kubectl: Kubectl): TrafficRouter {
  const canaryService = canaryName(plan.clients.app);
  const { ingress, host, path, route, stableService } = plan.routerOptions;
  if (plan.routerKind === 'nginx') {
    return createNginxCanaryRouter({
      kubectl,
      ingress,
      canaryService,
      ...(host === undefined ? {} : { host }),
      ...(path === undefined ? {} : { path }),
      ...(plan.canaryIngress === undefined ? {} : { manifest: plan.canaryIngress }),
    });
  }
  return createGatewayApiRouter({ kubectl, route, stableService, canaryService });
}

async function canaryHappyPath(plan: Omit<CanaryRolloutPlan, keyof RolloutPlan>, input: CanaryRolloutInput) {
  const runner = createCommandRunner({ dryRun: true });
  const kubectl = createKubectl({
    runner,
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
  });
  const reads = planLines(plan.clients.runner.commands);
  if (plan.releaseConfigMap) await kubectl.apply(plan.releaseConfigMap);
  await deployCanary(
    canaryOptions(
      plan,
      kubectl,
      routerFor(plan, kubectl),
      async () => ({ action: 'advance', reasons: [] }),
      async () => {},
    ),
  );
  return [...reads, ...planLines(runner.commands)];
}

function canaryOptions(
  plan: Omit<CanaryRolloutPlan, keyof RolloutPlan>,
  kubectl: Kubectl,
  router: TrafficRouter,
  analyze: (step: CanaryStep) => Promise<StepAnalysis>,
  sleep: ((ms: number) => Promise<void>) | undefined,
  log?: (line: string) => void,
): Parameters<typeof deployCanary>[0] {
  return {
    kubectl,
    router,
    app: plan.clients.app,
    image: plan.image,
    container: plan.container,
    steps: plan.steps,
    maxHolds: plan.maxHolds,
    pauseMs: plan.pauseMs,
    holdIntervalMs: plan.holdIntervalMs,
    timeout: plan.clients.timeout,
    canaryReplicas: plan.canaryReplicas,
    stable: plan.stableImages === undefined ? undefined : { images: plan.stableImages },
    promote: plan.promote,
    ...(plan.canaryObjects === undefined ? {} : { canaryObjects: plan.canaryObjects }),
    ...(plan.release === undefined
      ? {}
      : { release: plan.release.id, configMap: plan.releaseConfigMap?.metadata.name as string }),
    analyze,
    ...(sleep === undefined ? {} : { sleep }),
    ...(log === undefined ? {} : { log }),
  };
}

/** Runs a canary plan: release ConfigMap, canary objects, steps with the gate, promote or roll back, history. */
export async function executeCanaryRollout(
  plan: CanaryRolloutPlan,
  input: Pick<CanaryRolloutInput, 'baseline' | 'candidate' | 'canaryMetrics' | 'analyze' | 'sleep'>,
  io: WorkflowIo,
): Promise<WorkflowOutcome<DeployCanaryResult>> {
  const { clients } = plan;
  const app = clients.app;
  const gate = reportGate(input, plan.policy, io.cwd);
  const recovery = `check ${app} (kubectl rollout history deployment/${app}; kubectl rollout undo deployment/${app}), set the canary weight to 0 and scale ${canaryName(app)} to 0`;
  return guardExecution(clients, plan, recovery, async () => {
    if (plan.releaseConfigMap) await clients.kubectl.apply(plan.releaseConfigMap);
    const analyze = async (step: CanaryStep): Promise<StepAnalysis> => {
      const decision = input.analyze ? await input.analyze(step) : await gate(step.weight);
      io.log?.(
        `[canary] ${step.weight}% (analysis ${step.attempt}): ${decision.action} - ${decision.reasons[0] ?? ''}`,
      );
      return decision;
    };
    const result = await deployCanary(
      canaryOptions(plan, clients.kubectl, routerFor(plan, clients.kubectl), analyze, input.sleep, (line) =>
        io.log?.(`[canary] ${line}`),
      ),
    );
    const check0 = result.dryRun ? 'dry-run, not verified' : result.verified ? 'verified' : 'NOT verified';
    if (result.paused) {
      const weight = plan.steps.at(-1);
      return {
        status: result.verified ? 'succeeded' : 'failed_part_way',
        summary: `canary ${app}-canary passed the gate and stays at ${weight}% (${check0}); promote it with: agent-cicd deploy promote --app ${app} --image ${plan.image}${plan.release ? ' --release <file>' : ''}`,
        plan,
        result,
        changes: [],
        problems: result.problems,
        dryRun: result.dryRun,
      };
    }
    const promoted = result.outcome === 'promoted';
    if (promoted && plan.release && !clients.dryRun) {
      const history = await clients.store.load();
      const at = (io.now ?? (() => new Date()))().toISOString();
      await clients.store.save(recordRelease(history, plan.release, { action: 'deploy', at }));
    }
    const check = result.dryRun ? 'dry-run, not verified' : result.verified ? 'verified' : 'NOT verified';
    const trail = result.history.map((h) => `${h.weight}%:${h.action}`).join(' ');
    if (promoted && (result.verified || result.dryRun)) {
      return {
        status: 'succeeded',
        summary: `promoted ${plan.image} to ${app} [${trail}] (${check})`,
        plan,
        result,
        changes: [],
        problems: [],
        dryRun: result.dryRun,
      };
    }
    const restored = !promoted && (result.verified || result.dryRun);
    return {
      status: restored ? 'rolled_back' : 'failed_part_way',
      summary: promoted
        ? `promoted ${plan.image} to ${app} [${trail}] but the final state differs (${check})`
        : `rolled back ${app} [${trail}]: ${result.reasons.join('; ')} (${check})`,
      plan,
      result,
      changes: [],
      problems: result.problems,
      dryRun: result.dryRun,
    };
  });
}

/** Plan (validating every input), then execute; in dry-run only the plan is built. */
export async function rolloutCanary(
  input: CanaryRolloutInput,
  io: WorkflowIo,
): Promise<WorkflowOutcome<DeployCanaryResult>> {
  return planThenExecute(
    () => planCanaryRollout(input, io),
    'canary',
    input.dryRun,
    (plan) => executeCanaryRollout(plan, input, io),
  );
}
