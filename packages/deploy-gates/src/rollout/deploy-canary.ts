import { InvalidInputError } from '../errors.js';
import type { Kubectl, KubeManifest } from '../kubectl/create-kubectl.js';
import { releaseEnvFrom } from '../release/release-env-from.js';
import type { TrafficRouter } from '../routers/traffic-router.js';
import { assertImageReference } from '../validate/image-reference.js';
import { assertDnsLabel, assertDnsSubdomain, assertDuration, assertReplicas } from '../validate/validate.js';
import { deploymentManifest, releaseAnnotation, serviceManifest } from './manifests.js';
import { type CanaryResult, type RunCanaryOptions, runCanary } from './run-canary.js';

export interface DeployCanaryOptions
  extends Pick<RunCanaryOptions, 'steps' | 'analyze' | 'maxHolds' | 'pauseMs' | 'holdIntervalMs' | 'sleep' | 'log'> {
  kubectl: Kubectl;
  router: TrafficRouter;
  /** The stable Deployment's name (and container name unless `container` is set). */
  app: string;
  image: string;
  /** @default app */
  container?: string;
  /** @default 1 */
  canaryReplicas?: number;
  /** @default 8080 */
  containerPort?: number;
  /** @default 80 */
  servicePort?: number;
  /** `kubectl rollout status --timeout`. @default '5m' */
  timeout?: string;
  release?: string;
  configMap?: string;
  /**
   * The canary Deployment and Service derived from the user's own (`deriveDeployment`, `deriveService`).
   * Without them minimal ones (image, port, `envFrom`) are generated.
   */
  canaryObjects?: { deployment: KubeManifest; service: KubeManifest };
  /**
   * Promote after the last step. `false` leaves the canary at the last step's weight once the gate passed it
   * (the seed's "canary at 5%, then approve"): the result is `paused`, and `promoteStable` finishes later.
   * @default true
   */
  promote?: boolean;
  /** The stable Deployment as the caller already read it (skips reading it again). */
  stable?: { images: Record<string, string> } | undefined;
}

export interface DeployCanaryResult extends CanaryResult {
  /** With `promote: false`: the gate passed every step and the canary stays at the last weight. */
  paused?: boolean;
  /** Image of the stable Deployment before the run (undefined in dry-run). */
  previousImage: string | undefined;
  failure?: string;
  verified: boolean;
  problems: string[];
  dryRun: boolean;
}

/** Canary Deployment/Service name for an app. Its pods carry `app=<app>-canary`, so the stable Service never selects them. */
export const canaryName = (app: string): string => `${app}-canary`;

/**
 * The canary around the stable Deployment `<app>`: apply `<app>-canary` (Deployment + Service), wait for it,
 * attach the router at weight 0, then `runCanary`. Promotion sets the stable Deployment's image, waits, moves
 * the weight back to 0 and scales the canary down; rollback does the same without touching stable (or undoes
 * a half-done promotion). The final state is read back either way.
 */
export async function deployCanary(options: DeployCanaryOptions): Promise<DeployCanaryResult> {
  const { kubectl, router } = options;
  const app = assertDnsSubdomain(options.app, 'app name');
  const canary = assertDnsLabel(canaryName(app), 'canary name');
  const container = assertDnsLabel(options.container ?? app, 'container name');
  const image = assertImageReference(options.image);
  const canaryReplicas = assertReplicas(options.canaryReplicas ?? 1);
  const timeout = assertDuration(options.timeout ?? '5m');
  const dryRun = kubectl.runner.dryRun;
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

  const stable = 'stable' in options ? options.stable : await kubectl.getDeployment(app);
  const previousImage = stable?.images[container];
  if (stable !== undefined && previousImage === undefined) {
    throw new InvalidInputError(`deployment ${app} has no container named ${container}`);
  }
  let stableTouched = false;
  const restoreStable = async () => {
    if (stableTouched) {
      await kubectl.rolloutUndo(app);
      await kubectl.rolloutStatus(app, { timeout });
    }
    await kubectl.scale(canary, 0);
  };
  const promote = async () => {
    stableTouched = true;
    await promoteStable({
      kubectl,
      router,
      app,
      container,
      image,
      timeout,
      ...(options.release === undefined ? {} : { release: options.release }),
      ...(options.configMap === undefined ? {} : { configMap: options.configMap }),
    });
  };
  const shouldPromote = options.promote ?? true;

  let result: CanaryResult;
  let failure: string | undefined;
  let routed = false;
  try {
    const labels = { app: canary, track: 'canary' };
    await kubectl.apply(
      options.canaryObjects
        ? [options.canaryObjects.deployment, options.canaryObjects.service]
        : [
            deploymentManifest({
              name: canary,
              labels,
              image,
              replicas: canaryReplicas,
              container,
              ...(options.containerPort === undefined ? {} : { containerPort: options.containerPort }),
              ...(options.release === undefined ? {} : { release: options.release }),
              ...(options.configMap === undefined ? {} : { configMap: options.configMap }),
            }),
            serviceManifest({
              name: canary,
              selector: labels,
              ...(options.servicePort === undefined ? {} : { port: options.servicePort }),
              ...(options.containerPort === undefined ? {} : { targetPort: options.containerPort }),
            }),
          ],
    );
    await kubectl.rolloutStatus(canary, { timeout });
    routed = true;
    await router.prepare();
  } catch (error) {
    failure = `canary setup failed: ${message(error)}`;
  }
  if (failure === undefined) {
    result = await runCanary({
      ...options,
      router,
      ...(shouldPromote ? { onPromote: promote } : {}),
      onRollback: restoreStable,
    });
  } else {
    const rollbackErrors: string[] = [];
    if (routed) await router.setWeight(0).catch((error: unknown) => rollbackErrors.push(message(error)));
    await kubectl.scale(canary, 0).catch((error: unknown) => rollbackErrors.push(message(error)));
    result = { outcome: 'rolled_back', history: [], reasons: [failure], rollbackErrors };
  }

  const problems = [...result.rollbackErrors];
  const paused = !shouldPromote && result.outcome === 'promoted';
  if (!dryRun && paused) {
    try {
      const last = options.steps.at(-1);
      const weight = await router.currentWeight();
      if (weight !== last) problems.push(`canary weight is ${weight}, expected ${last}`);
      const after = await kubectl.getDeployment(app);
      if (after?.images[container] !== previousImage) {
        problems.push(`${app} runs ${after?.images[container]}, expected ${previousImage}`);
      }
    } catch (error) {
      problems.push(`verification failed: ${message(error)}`);
    }
  } else if (!dryRun) {
    const expectedImage = result.outcome === 'promoted' ? image : previousImage;
    try {
      const weight = await router.currentWeight();
      if (weight !== 0) problems.push(`canary weight is ${weight}, expected 0`);
      const after = await kubectl.getDeployment(app);
      if (after?.images[container] !== expectedImage) {
        problems.push(`${app} runs ${after?.images[container]}, expected ${expectedImage}`);
      }
      const canaryAfter = await kubectl.getDeployment(canary, { optional: true });
      if (canaryAfter && canaryAfter.replicas !== 0)
        problems.push(`${canary} still wants ${canaryAfter.replicas} replicas`);
    } catch (error) {
      problems.push(`verification failed: ${message(error)}`);
    }
  }
  return {
    ...result,
    ...(paused ? { paused } : {}),
    previousImage,
    ...(failure === undefined ? {} : { failure }),
    verified: !dryRun && problems.length === 0,
    problems,
    dryRun,
  };
}

export interface PromoteStableOptions {
  kubectl: Kubectl;
  router: TrafficRouter;
  /** The stable Deployment. */
  app: string;
  container: string;
  image: string;
  timeout: string;
  release?: string;
  configMap?: string;
}

/**
 * Makes the canary's release the stable one: the stable Deployment takes the image (with a release: the image,
 * the release ConfigMap and the release annotation in one strategic patch, one rollout), waits, then the
 * canary weight goes to 0 and `<app>-canary` to 0 replicas.
 */
export async function promoteStable(options: PromoteStableOptions): Promise<void> {
  const { kubectl, router, app, container, image, timeout } = options;
  if (options.configMap === undefined) {
    await kubectl.setImage(app, container, image);
  } else {
    const annotations = options.release === undefined ? {} : { [releaseAnnotation]: options.release };
    const envFrom = await releaseEnvFrom(kubectl, {
      deployment: app,
      container,
      configMap: options.configMap,
      prefix: `${app}-config-`,
    });
    const template = { metadata: { annotations }, spec: { containers: [{ name: container, image, envFrom }] } };
    await kubectl.patch('deployment', app, { spec: { template } }, 'strategic');
  }
  await kubectl.rolloutStatus(app, { timeout });
  await router.setWeight(0);
  await kubectl.scale(canaryName(app), 0);
}
