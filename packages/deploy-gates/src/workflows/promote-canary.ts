import { resolve } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { createCommandRunner } from '../exec/command-runner.js';
import { createKubectl, type KubeManifest } from '../kubectl/create-kubectl.js';
import { releaseConfigMap } from '../release/apply-release.js';
import { loadReleaseFile } from '../release/load-release-file.js';
import type { ReleaseBundle } from '../release/release-bundle.js';
import { recordRelease } from '../release/release-history.js';
import { canaryName, promoteStable } from '../rollout/deploy-canary.js';
import { createGatewayApiRouter } from '../routers/gateway-api-router.js';
import { createNginxCanaryRouter } from '../routers/nginx-canary-router.js';
import type { TrafficRouter } from '../routers/traffic-router.js';
import { assertImageReference } from '../validate/image-reference.js';
import { assertDnsLabel, assertDnsSubdomain } from '../validate/validate.js';
import { planThenExecute } from './plan-then-execute.js';
import {
  type ClusterClients,
  type ClusterInput,
  clusterClients,
  planLines,
  type WorkflowIo,
} from './workflow-context.js';
import { guardExecution, type RolloutPlan, type WorkflowOutcome } from './workflow-outcome.js';

export interface PromoteCanaryInput extends ClusterInput {
  /** The image the canary runs (checked against `<app>-canary` before anything changes). */
  image: string;
  container?: string | undefined;
  releaseFile?: string | undefined;
  /** @default 'gateway-api' */
  router?: 'nginx' | 'gateway-api' | undefined;
  ingress?: string | undefined;
  route?: string | undefined;
  stableService?: string | undefined;
}

export interface PromoteCanaryPlan extends RolloutPlan {
  action: 'canary';
  clients: ClusterClients;
  image: string;
  container: string;
  release: ReleaseBundle | undefined;
  releaseConfigMap: KubeManifest | undefined;
  router: (kubectl: ClusterClients['kubectl']) => TrafficRouter;
}

type Containers = { spec?: { template?: { spec?: { containers?: { name: string; image: string }[] } } } };
const imagesOf = (object: unknown) =>
  Object.fromEntries(
    ((object as Containers | undefined)?.spec?.template?.spec?.containers ?? []).map((c) => [c.name, c.image]),
  );

/** Checks that `<app>-canary` runs `image` and builds the promotion; reads only. */
export async function planPromoteCanary(input: PromoteCanaryInput, io: WorkflowIo): Promise<PromoteCanaryPlan> {
  const clients = clusterClients(input, io);
  const { app, kubectl } = clients;
  const canary = canaryName(app);
  const image = assertImageReference(input.image);
  const container = assertDnsLabel(input.container ?? app, 'container name');
  const routerKind = input.router ?? 'gateway-api';
  if (routerKind !== 'nginx' && routerKind !== 'gateway-api') {
    throw new InvalidInputError(`unknown router ${JSON.stringify(routerKind)} (nginx or gateway-api)`);
  }
  const ingress = assertDnsSubdomain(input.ingress ?? app, 'ingress name');
  const route = assertDnsSubdomain(input.route ?? app, 'HTTPRoute name');
  const stableService = assertDnsLabel(input.stableService ?? app, 'stable service name');
  const release =
    input.releaseFile === undefined
      ? undefined
      : await loadReleaseFile(resolve(io.cwd, input.releaseFile), image, input.releaseFile);
  let releaseCm = release === undefined ? undefined : releaseConfigMap(app, release);
  if (release !== undefined) await clients.store.load();
  // The canary run applied the release's (immutable) ConfigMap already: keep it, do not apply it again.
  if (releaseCm !== undefined && !clients.dryRun) {
    const existing = (await kubectl.getJson('configmap', releaseCm.metadata.name, { optional: true })) as
      | { data?: Record<string, string> }
      | undefined;
    if (existing !== undefined) {
      if (existing.data?.AGENT_RELEASE !== release?.id) {
        throw new InvalidInputError(
          `configmap ${releaseCm.metadata.name} holds release ${existing.data?.AGENT_RELEASE}`,
        );
      }
      releaseCm = undefined;
    }
  }
  const configMapName = release === undefined ? undefined : releaseConfigMap(app, release).metadata.name;
  if (!clients.dryRun) {
    const canaryObject = await kubectl.getJson('deployment', canary, { optional: true });
    if (canaryObject === undefined) throw new InvalidInputError(`deployment ${canary} not found: nothing to promote`);
    const running = imagesOf(canaryObject)[container];
    if (running !== image) {
      throw new InvalidInputError(`${canary} runs ${running ?? `(no container ${container})`}, not ${image}`);
    }
    if (imagesOf(await kubectl.getJson('deployment', app, { optional: true }))[container] === undefined) {
      throw new InvalidInputError(`deployment ${app} (the stable one) not found or has no container ${container}`);
    }
    if (
      routerKind === 'nginx' &&
      (await kubectl.getJson('ingress', `${ingress}-canary`, { optional: true })) === undefined
    ) {
      throw new InvalidInputError(`ingress ${ingress}-canary not found: nothing routes to the canary`);
    }
  }
  const router = (k: ClusterClients['kubectl']): TrafficRouter =>
    routerKind === 'nginx'
      ? createNginxCanaryRouter({
          kubectl: k,
          ingress,
          canaryService: canary,
          // Only setWeight is used: the canary Ingress already exists.
          manifest: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: `${ingress}-canary` } },
        })
      : createGatewayApiRouter({ kubectl: k, route, stableService, canaryService: canary });
  const dry = createKubectl({
    runner: createCommandRunner({ dryRun: true }),
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
  });
  if (releaseCm) await dry.apply(releaseCm);
  await promoteStable({
    kubectl: dry,
    router: router(dry),
    app,
    container,
    image,
    timeout: clients.timeout,
    ...(release === undefined ? {} : { release: release.id, configMap: configMapName as string }),
  });
  return {
    action: 'canary',
    clients,
    image,
    container,
    release,
    releaseConfigMap: releaseCm,
    router,
    facts: [
      ['app', app],
      ['promote', `${canary} → ${app}: ${image}`],
      ['release', release === undefined ? '(none)' : `${release.id} (ConfigMap ${configMapName})`],
      ['history', release === undefined ? '(not recorded without --release)' : clients.store.description],
    ],
    commands: [...planLines(clients.runner.commands), ...planLines(dry.runner.commands)],
    onFailure: [`nothing is undone automatically; kubectl rollout undo deployment/${app} restores the stable image`],
  };
}

/** Promotes a paused canary: stable takes the image (and release) in one rollout, weight 0, canary to 0. */
export async function promoteCanary(input: PromoteCanaryInput, io: WorkflowIo): Promise<WorkflowOutcome<never>> {
  return planThenExecute(
    () => planPromoteCanary(input, io),
    'canary',
    input.dryRun,
    (plan) => executePromoteCanary(plan, io),
  );
}

async function executePromoteCanary(plan: PromoteCanaryPlan, io: WorkflowIo): Promise<WorkflowOutcome<never>> {
  const { clients } = plan;
  const app = clients.app;
  const recovery = `kubectl rollout undo deployment/${app} restores the stable image; the canary ${canaryName(app)} may still get traffic`;
  return guardExecution(clients, plan, recovery, async () => {
    if (plan.releaseConfigMap) await clients.kubectl.apply(plan.releaseConfigMap);
    const router = plan.router(clients.kubectl);
    await promoteStable({
      kubectl: clients.kubectl,
      router,
      app,
      container: plan.container,
      image: plan.image,
      timeout: clients.timeout,
      ...(plan.release === undefined
        ? {}
        : { release: plan.release.id, configMap: releaseConfigMap(app, plan.release).metadata.name }),
    });
    const problems: string[] = [];
    const stable = imagesOf(await clients.kubectl.getJson('deployment', app))[plan.container];
    if (stable !== plan.image) problems.push(`${app} runs ${stable}, expected ${plan.image}`);
    const weight = await router.currentWeight();
    if (weight !== 0) problems.push(`canary weight is ${weight}, expected 0`);
    if (problems.length === 0 && plan.release) {
      const history = await clients.store.load();
      const at = (io.now ?? (() => new Date()))().toISOString();
      await clients.store.save(recordRelease(history, plan.release, { action: 'deploy', at }));
    }
    return {
      status: problems.length === 0 ? 'succeeded' : 'failed_part_way',
      summary: `promoted ${plan.image} to ${app} (${problems.length === 0 ? 'verified' : 'NOT verified'})`,
      plan,
      changes: [],
      problems,
      dryRun: false,
    };
  });
}
