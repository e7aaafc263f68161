import { InvalidInputError, RolloutError } from '../errors.js';
import type { Kubectl, KubeManifest } from '../kubectl/create-kubectl.js';
import type { DeploymentState } from '../kubectl/kube-objects.js';
import { assertImageReference } from '../validate/image-reference.js';
import {
  assertDnsLabel,
  assertDnsSubdomain,
  assertDuration,
  assertLabelKey,
  assertReplicas,
} from '../validate/validate.js';
import { deploymentManifest } from './manifests.js';

export type BlueGreenStep = 'read' | 'deploy' | 'rollout' | 'smoke' | 'switch' | 'scale-down' | 'verify';

export interface BlueGreenOptions {
  kubectl: Kubectl;
  /** App name: label `app=<app>`, Deployments `<app>-<colour>`. */
  app: string;
  /** The Service whose selector picks the live colour. */
  service: string;
  /** Image to deploy (prefer `name@sha256:…`). */
  image: string;
  /** @default 2 */
  replicas?: number;
  /** Container name. @default app */
  container?: string;
  /** @default 8080 */
  containerPort?: number;
  /** Selector label holding the colour. @default 'color' */
  colorLabel?: string;
  /** @default ['blue', 'green'] */
  colors?: [string, string];
  /** `kubectl rollout status --timeout`. @default '5m' */
  timeout?: string;
  /** Release id stamped on the Deployment. */
  release?: string;
  /** ConfigMap the pods read their agent config from (`envFrom`). */
  configMap?: string;
  /**
   * The new colour's Deployment, derived from the user's own (see `deriveDeployment`): applied as is, with
   * `replicas`. Without it a minimal Deployment (image, port, `envFrom`) is generated.
   */
  deployment?: KubeManifest;
  /** Replicas the old colour keeps after the switch (warm for an instant switch back). @default 0 */
  keepWarm?: number;
  /** What the caller already read from the cluster; skips reading the Service and the live Deployment again. */
  live?: { color: string | undefined; replicas: number | undefined };
  /** Runs after the new colour is ready and before traffic moves; throw to abort (and roll back). */
  smoke?: (target: { color: string; deployment: string }) => Promise<void>;
  /** Colour assumed live in dry-run, where nothing is read from the cluster. @default colors[0] */
  assumeActive?: string;
  log?: (message: string) => void;
}

export interface BlueGreenResult {
  outcome: 'switched' | 'rolled_back';
  /** Colour live before the run (undefined on a first deploy). */
  previousColor: string | undefined;
  /** Colour the run deployed to. */
  targetColor: string;
  /** Colour live after the run. */
  liveColor: string | undefined;
  failure?: { step: BlueGreenStep; message: string };
  /** The final state was read back and matched (false in dry-run, where nothing is read). */
  verified: boolean;
  /** Mismatches found while verifying the final state. */
  problems: string[];
  dryRun: boolean;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Blue-green: deploy to the inactive colour (with its replicas), wait for the rollout, run the smoke hook, switch the
 * Service selector, scale the old colour down, verify. Any failure restores the selector, scales the new
 * colour down (and the old one back up), then verifies the restored state.
 */
export async function runBlueGreen(options: BlueGreenOptions): Promise<BlueGreenResult> {
  const { kubectl } = options;
  const app = assertDnsSubdomain(options.app, 'app name');
  const service = assertDnsLabel(options.service, 'service name');
  const colorLabel = assertLabelKey(options.colorLabel ?? 'color');
  const colors = options.colors ?? ['blue', 'green'];
  for (const color of colors) assertDnsLabel(color, 'colour');
  assertImageReference(options.image);
  const container = assertDnsLabel(options.container ?? app, 'container name');
  const replicas = assertReplicas(options.replicas ?? 2);
  const timeout = assertDuration(options.timeout ?? '5m');
  const log = options.log ?? (() => {});
  const dryRun = kubectl.runner.dryRun;
  const nameOf = (color: string) => `${app}-${color}`;

  const keepWarm = assertReplicas(options.keepWarm ?? 0);
  let step: BlueGreenStep = 'read';
  let active: string | undefined;
  let previousReplicas: number;
  if (options.live !== undefined) {
    active = options.live.color;
    previousReplicas = options.live.replicas ?? replicas;
  } else {
    const svc = await kubectl.getService(service);
    if (svc === undefined) {
      active = options.assumeActive ?? colors[0];
      log(`dry-run: assuming ${active} is live`);
    } else {
      active = svc.spec.selector[colorLabel];
      if (active !== undefined && !colors.includes(active)) {
        throw new InvalidInputError(
          `service ${service} selects ${colorLabel}=${active}, not one of ${colors.join('/')}`,
        );
      }
    }
    const previous: DeploymentState | undefined =
      active === undefined ? undefined : await kubectl.getDeployment(nameOf(active), { optional: true });
    previousReplicas = previous?.replicas ?? replicas;
  }
  const target = active === colors[0] ? colors[1] : colors[0];
  if (options.deployment !== undefined && options.deployment.metadata.name !== nameOf(target)) {
    throw new InvalidInputError(
      `the derived deployment is named ${options.deployment.metadata.name}, expected ${nameOf(target)}`,
    );
  }
  log(`live colour: ${active ?? '(none)'}; deploying ${options.image} to ${target}`);

  let switchAttempted = false;
  let scaleDownAttempted = false;
  try {
    step = 'deploy';
    await kubectl.apply(
      options.deployment ??
        deploymentManifest({
          name: nameOf(target),
          labels: { app, [colorLabel]: target },
          image: options.image,
          replicas,
          container,
          ...(options.containerPort === undefined ? {} : { containerPort: options.containerPort }),
          ...(options.release === undefined ? {} : { release: options.release }),
          ...(options.configMap === undefined ? {} : { configMap: options.configMap }),
        }),
    );
    step = 'rollout';
    await kubectl.rolloutStatus(nameOf(target), { timeout });
    step = 'smoke';
    if (options.smoke && !dryRun) await options.smoke({ color: target, deployment: nameOf(target) });
    step = 'switch';
    switchAttempted = true;
    await kubectl.patch('service', service, { spec: { selector: { [colorLabel]: target } } }, 'merge');
    if (active !== undefined) {
      step = 'scale-down';
      scaleDownAttempted = true;
      await kubectl.scale(nameOf(active), keepWarm);
    }
    step = 'verify';
    const problems = await verify(options, {
      live: target,
      up: target,
      upReplicas: replicas,
      down: active,
      downReplicas: keepWarm,
    });
    if (problems.length > 0) throw new RolloutError(`final state differs: ${problems.join('; ')}`);
    log(`switched ${service} to ${target}`);
    return {
      outcome: 'switched',
      previousColor: active,
      targetColor: target,
      liveColor: target,
      verified: !dryRun,
      problems,
      dryRun,
    };
  } catch (error) {
    const failure = { step, message: message(error) };
    log(`${step} failed: ${failure.message}; rolling back`);
    const problems: string[] = [];
    const attempt = async (what: string, action: () => Promise<void>) => {
      try {
        await action();
      } catch (rollbackError) {
        problems.push(`rollback ${what} failed: ${message(rollbackError)}`);
      }
    };
    if (switchAttempted && active !== undefined) {
      const live = active;
      await attempt('selector restore', () =>
        kubectl.patch('service', service, { spec: { selector: { [colorLabel]: live } } }, 'merge'),
      );
    }
    if (scaleDownAttempted && active !== undefined) {
      const old = nameOf(active);
      await attempt(`scale up ${old}`, async () => {
        await kubectl.scale(old, previousReplicas);
        await kubectl.rolloutStatus(old, { timeout });
      });
    }
    await attempt(`scale down ${nameOf(target)}`, () => kubectl.scale(nameOf(target), 0));
    problems.push(
      ...(await verify(options, {
        live: active,
        up: active,
        upReplicas: previousReplicas,
        down: target,
        downReplicas: 0,
      }).catch((verifyError: unknown) => [`verification failed: ${message(verifyError)}`])),
    );
    return {
      outcome: 'rolled_back',
      previousColor: active,
      targetColor: target,
      liveColor: active,
      failure,
      verified: !dryRun && problems.length === 0,
      problems,
      dryRun,
    };
  }
}

/** Reads the Service and both Deployments back and lists every mismatch with the expected state. */
async function verify(
  options: BlueGreenOptions,
  expected: {
    live: string | undefined;
    up: string | undefined;
    upReplicas: number;
    down: string | undefined;
    downReplicas: number;
  },
): Promise<string[]> {
  const { kubectl } = options;
  const colorLabel = options.colorLabel ?? 'color';
  const problems: string[] = [];
  const svc = await kubectl.getService(options.service);
  if (svc === undefined) return problems; // dry-run: nothing to read
  const live = svc.spec.selector[colorLabel];
  if (expected.live !== undefined && live !== expected.live) {
    problems.push(`service ${options.service} selects ${colorLabel}=${live ?? '(none)'}, expected ${expected.live}`);
  }
  if (expected.up !== undefined) {
    const up = await kubectl.getDeployment(`${options.app}-${expected.up}`);
    if (up && up.readyReplicas < expected.upReplicas) {
      problems.push(`${up.name} has ${up.readyReplicas}/${expected.upReplicas} ready replicas`);
    }
  }
  if (expected.down !== undefined) {
    const down = await kubectl.getDeployment(`${options.app}-${expected.down}`, { optional: true });
    if (down && down.replicas !== expected.downReplicas) {
      problems.push(`${down.name} wants ${down.replicas} replicas, expected ${expected.downReplicas}`);
    }
  }
  return problems;
}
