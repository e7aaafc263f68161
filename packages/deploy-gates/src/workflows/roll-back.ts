import { InvalidInputError } from '../errors.js';
import { createCommandRunner } from '../exec/command-runner.js';
import { createKubectl, type Kubectl, type KubeManifest } from '../kubectl/create-kubectl.js';
import { deriveDeployment, releaseAnnotation } from '../manifests/derive-deployment.js';
import type { KubeObject } from '../manifests/kube-object.js';
import { applyRelease, releaseConfigMap } from '../release/apply-release.js';
import type { ReleaseBundle } from '../release/release-bundle.js';
import { findRollbackTarget, type ReleaseHistory, recordRelease } from '../release/release-history.js';
import { runBlueGreen } from '../rollout/run-blue-green.js';
import { assertDnsLabel, assertDnsSubdomain, assertLabelKey } from '../validate/validate.js';
import { planThenExecute } from './plan-then-execute.js';
import {
  type ClusterClients,
  type ClusterInput,
  clusterClients,
  planLines,
  type WorkflowIo,
} from './workflow-context.js';
import { guardExecution, type RolloutPlan, type WorkflowOutcome } from './workflow-outcome.js';

export interface RollbackInput extends ClusterInput {
  /** Release id to restore. @default the release live before the current one */
  to?: string | undefined;
  /**
   * `rolling`: patch the Deployment in place; `blue-green`: deploy the release to the idle colour and switch
   * the Service. @default 'auto' — blue-green when the Service selects `colorLabel`, else rolling
   */
  strategy?: 'auto' | 'rolling' | 'blue-green' | undefined;
  /** rolling: the Deployment. @default app */
  deployment?: string | undefined;
  container?: string | undefined;
  /** blue-green: the Service and its colour label. @default app, 'color' */
  service?: string | undefined;
  colorLabel?: string | undefined;
  /** blue-green: replicas the colour rolled back from keeps. @default 1 */
  keepWarm?: number | undefined;
}

export interface RollbackPlan extends RolloutPlan {
  action: 'rollback';
  clients: ClusterClients;
  strategy: 'rolling' | 'blue-green';
  history: ReleaseHistory;
  release: ReleaseBundle;
  from: string | undefined;
  deployment: string;
  container: string | undefined;
  blueGreen?: {
    service: string;
    colorLabel: string;
    liveColor: string;
    targetColor: string;
    liveReplicas: number;
    keepWarm: number;
    manifest: KubeManifest;
  };
}

export interface RollbackResult {
  release: ReleaseBundle;
  from: string | undefined;
  strategy: 'rolling' | 'blue-green';
  verified: boolean;
  problems: string[];
}

const colours: [string, string] = ['blue', 'green'];

/**
 * Validates the input, reads the history and the layout (reads only), picks the release and builds the
 * rollback: on a blue-green layout the release goes to the idle colour (copied from the live one, so secrets,
 * probes and resources stay) and the Service switches; otherwise the Deployment is patched in place.
 */
export async function planRollback(input: RollbackInput, io: WorkflowIo): Promise<RollbackPlan> {
  const clients = clusterClients(input, io);
  const { app, kubectl } = clients;
  const strategyIn = input.strategy ?? 'auto';
  if (!['auto', 'rolling', 'blue-green'].includes(strategyIn)) {
    throw new InvalidInputError(`unknown strategy ${JSON.stringify(strategyIn)} (auto, rolling or blue-green)`);
  }
  if (input.to !== undefined) assertDnsLabel(input.to, 'release id');
  const deployment = assertDnsSubdomain(input.deployment ?? app, 'deployment name');
  if (input.container !== undefined) assertDnsLabel(input.container, 'container name');
  const service = assertDnsLabel(input.service ?? app, 'service name');
  const colorLabel = assertLabelKey(input.colorLabel ?? 'color');
  const keepWarm = input.keepWarm ?? 1;
  if (!Number.isInteger(keepWarm) || keepWarm < 0) throw new InvalidInputError(`invalid keep-warm ${keepWarm}`);
  // Reads start here.
  const history = await clients.store.load();
  const release = findRollbackTarget(history, input.to);
  let strategy: 'rolling' | 'blue-green' = strategyIn === 'blue-green' ? 'blue-green' : 'rolling';
  let liveColor: string | undefined;
  if (!clients.dryRun && strategyIn !== 'rolling') {
    const svc = await kubectl.getService(service, { optional: true });
    liveColor = svc?.spec.selector[colorLabel];
    if (liveColor !== undefined) strategy = 'blue-green';
    else if (strategyIn === 'blue-green') {
      throw new InvalidInputError(`service ${service} does not select ${colorLabel}=<colour>: not a blue-green layout`);
    }
  }
  const facts: [string, string][] = [
    ['app', app],
    [
      'release',
      `${release.id}: image ${release.image}, prompt ${release.prompt.name}@${release.prompt.version}, model ${release.model.llmModel}`,
    ],
    ['from', history.current ?? '(unknown)'],
    ['history', clients.store.description],
  ];
  const runner = createCommandRunner({ dryRun: true });
  const dry = createKubectl({
    runner,
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
  });
  const reads = planLines(clients.runner.commands);
  if (strategy === 'rolling') {
    if (!clients.dryRun) {
      const live = await kubectl.getDeployment(deployment, { optional: true });
      if (live === undefined) {
        throw new InvalidInputError(
          `deployment ${deployment} not found and service ${service} selects no ${colorLabel}: name the Deployment (--deployment) or the blue-green Service (--service, --color-label)`,
        );
      }
    }
    const base = { clients, strategy, history, release, from: history.current, deployment, container: input.container };
    await applyRelease({
      kubectl: dry,
      app,
      deployment,
      release,
      timeout: clients.timeout,
      ...(input.container ? { container: input.container } : {}),
    });
    return {
      action: 'rollback',
      ...base,
      facts: [
        ...facts,
        ['strategy', `rolling: patch deployment ${deployment} (image, release ConfigMap, annotation) in one rollout`],
      ],
      commands: [...reads, ...planLines(runner.commands)],
      onFailure: ['nothing is undone automatically: the Deployment keeps its last state; the history is not updated'],
    };
  }
  const live = liveColor ?? colours[0];
  const targetColor = live === colours[0] ? colours[1] : colours[0];
  const liveObject = clients.dryRun
    ? undefined
    : ((await kubectl.getJson('deployment', `${app}-${live}`, { optional: true })) as KubeObject | undefined);
  if (!clients.dryRun && liveObject === undefined) {
    throw new InvalidInputError(`deployment ${app}-${live} (the live colour) not found`);
  }
  const configMap = releaseConfigMap(app, release);
  const liveReplicas = (liveObject?.spec as { replicas?: number } | undefined)?.replicas ?? 2;
  const manifest = (
    liveObject
      ? deriveDeployment(liveObject, {
          name: `${app}-${targetColor}`,
          labels: { [colorLabel]: targetColor },
          ...(input.container === undefined ? {} : { container: input.container }),
          image: release.image,
          replicas: liveReplicas,
          release: release.id,
          releaseConfigMap: { name: configMap.metadata.name, prefix: `${app}-config-` },
        })
      : {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: `${app}-${targetColor}`, annotations: { [releaseAnnotation]: release.id } },
        }
  ) as KubeManifest;
  const blueGreen = { service, colorLabel, liveColor: live, targetColor, liveReplicas, keepWarm, manifest };
  const plan: RollbackPlan = {
    action: 'rollback',
    clients,
    strategy,
    history,
    release,
    from: history.current,
    deployment: `${app}-${targetColor}`,
    container: input.container,
    blueGreen,
    facts: [
      ...facts,
      [
        'strategy',
        `blue-green: ${app}-${targetColor} copied from ${clients.dryRun ? `the live colour (read when run)` : `${app}-${live}`} with the release, then ${service} switches ${colorLabel}=${live} → ${targetColor}; ${app}-${live} kept at ${keepWarm}`,
      ],
    ],
    commands: [],
    onFailure: [`restore the selector ${colorLabel}=${live}`, `scale ${app}-${targetColor} to 0`, 'read both back'],
  };
  await dry.apply(configMap);
  if (liveObject) await runBlueGreen(blueGreenOptions(plan, dry));
  plan.commands = [...reads, ...planLines(runner.commands)];
  return plan;
}

function blueGreenOptions(plan: RollbackPlan, kubectl: Kubectl, log?: (line: string) => void) {
  const bg = plan.blueGreen as NonNullable<RollbackPlan['blueGreen']>;
  return {
    kubectl,
    app: plan.clients.app,
    service: bg.service,
    image: plan.release.image,
    replicas: bg.liveReplicas,
    keepWarm: bg.keepWarm,
    colorLabel: bg.colorLabel,
    timeout: plan.clients.timeout,
    live: { color: bg.liveColor, replicas: bg.liveReplicas },
    deployment: bg.manifest,
    release: plan.release.id,
    ...(plan.container === undefined ? {} : { container: plan.container }),
    ...(log === undefined ? {} : { log }),
  };
}

/** Runs a rollback plan and records it in the history once the restored state is read back. */
export async function executeRollback(plan: RollbackPlan, io: WorkflowIo): Promise<WorkflowOutcome<RollbackResult>> {
  const { clients, release } = plan;
  const app = clients.app;
  const recovery =
    plan.strategy === 'blue-green'
      ? `check service ${plan.blueGreen?.service} and ${app}-blue/${app}-green; switch back with kubectl patch service ${plan.blueGreen?.service} -p '{"spec":{"selector":{"${plan.blueGreen?.colorLabel}":"${plan.blueGreen?.liveColor}"}}}'`
      : `check deployment ${plan.deployment} (kubectl rollout history deployment/${plan.deployment}; kubectl rollout undo deployment/${plan.deployment})`;
  return guardExecution(clients, plan, recovery, async () => {
    let verified: boolean;
    let problems: string[];
    if (plan.strategy === 'rolling') {
      const applied = await applyRelease({
        kubectl: clients.kubectl,
        app,
        deployment: plan.deployment,
        release,
        timeout: clients.timeout,
        ...(plan.container === undefined ? {} : { container: plan.container }),
      });
      ({ verified, problems } = applied);
    } else {
      await clients.kubectl.apply(releaseConfigMap(app, release));
      const result = await runBlueGreen(
        blueGreenOptions(plan, clients.kubectl, (line) => io.log?.(`[rollback] ${line}`)),
      );
      verified = result.outcome === 'switched' && result.verified;
      problems = result.failure
        ? [`${result.failure.step}: ${result.failure.message}`, ...result.problems]
        : result.problems;
      if (result.outcome === 'rolled_back' && result.verified) {
        return {
          status: 'rolled_back',
          summary: `rollback to ${release.id} failed at ${result.failure?.step} and was undone: ${result.failure?.message}`,
          plan,
          result: { release, from: plan.from, strategy: plan.strategy, verified: false, problems },
          changes: [],
          problems,
          dryRun: false,
        };
      }
    }
    if (verified) {
      const at = (io.now ?? (() => new Date()))().toISOString();
      await clients.store.save(recordRelease(plan.history, release, { action: 'rollback', at }));
    }
    const result = { release, from: plan.from, strategy: plan.strategy, verified, problems };
    const summary = `rolled back ${app} from ${plan.from ?? '(unknown)'} to ${release.id}: image ${release.image}, prompt ${release.prompt.name}@${release.prompt.version}, model ${release.model.llmModel} (${verified ? 'verified' : 'NOT verified'})`;
    return {
      status: verified ? 'succeeded' : 'failed_part_way',
      summary,
      plan,
      result,
      changes: [],
      problems,
      dryRun: false,
    };
  });
}

/** Plan, then execute; in dry-run only the plan is built. */
export async function rollBack(input: RollbackInput, io: WorkflowIo): Promise<WorkflowOutcome<RollbackResult>> {
  return planThenExecute(
    () => planRollback(input, io),
    'rollback',
    input.dryRun,
    (plan) => executeRollback(plan, io),
  );
}
