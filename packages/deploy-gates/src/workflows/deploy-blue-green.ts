import { relative, resolve } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { createCommandRunner } from '../exec/command-runner.js';
import { createKubectl, type KubeManifest } from '../kubectl/create-kubectl.js';
import { deriveDeployment } from '../manifests/derive-deployment.js';
import type { KubeObject } from '../manifests/kube-object.js';
import { findObject, loadManifests } from '../manifests/load-manifests.js';
import { releaseConfigMap } from '../release/apply-release.js';
import { loadReleaseFile } from '../release/load-release-file.js';
import type { ReleaseBundle } from '../release/release-bundle.js';
import { recordRelease } from '../release/release-history.js';
import { type BlueGreenResult, runBlueGreen } from '../rollout/run-blue-green.js';
import { assertImageReference, parseImageReference } from '../validate/image-reference.js';
import { assertDnsLabel, assertLabelKey, assertReplicas } from '../validate/validate.js';
import { planThenExecute } from './plan-then-execute.js';
import {
  assertHttpUrl,
  type ClusterClients,
  type ClusterInput,
  clusterClients,
  planLines,
  type WorkflowIo,
} from './workflow-context.js';
import { guardExecution, type RolloutPlan, type WorkflowOutcome } from './workflow-outcome.js';

export interface BlueGreenDeployInput extends ClusterInput {
  /** Image to deploy; with a release it must be a digest (`name@sha256:…`). */
  image: string;
  /** Deploy the pushed digest of `image` (`docker image inspect`). */
  resolveDigest?: boolean | undefined;
  /** The Service whose selector picks the live colour. @default app */
  service?: string | undefined;
  /** @default 'color' */
  colorLabel?: string | undefined;
  /** @default ['blue', 'green'] */
  colors?: [string, string] | undefined;
  /** Replicas of the new colour. @default the user's Deployment's replicas, else 2 */
  replicas?: number | undefined;
  /** Replicas the old colour keeps after the switch (the seed keeps 1 warm). @default 1 */
  keepWarm?: number | undefined;
  container?: string | undefined;
  /** GET after the new colour is ready; a non-2xx answer rolls back. */
  smokeUrl?: string | undefined;
  /** Release bundle file (prompt, model, tools) applied with the image and recorded in the history. */
  releaseFile?: string | undefined;
  /** The user's Kubernetes YAML: a file, a directory or `kubectl kustomize` output saved to a file. */
  manifests?: string | undefined;
  /** The Deployment in `manifests` to copy. @default the one named `app`, else the only one */
  deployment?: string | undefined;
}

/** Everything a blue-green deploy will do, validated; `executeBlueGreenDeploy` runs it. */
export interface BlueGreenDeployPlan extends RolloutPlan {
  action: 'blue-green';
  clients: ClusterClients;
  image: string;
  service: string;
  colorLabel: string;
  colors: [string, string];
  liveColor: string | undefined;
  liveReplicas: number | undefined;
  targetColor: string;
  replicas: number;
  keepWarm: number;
  container: string | undefined;
  /** The new colour's Deployment; undefined only in a dry-run without `manifests` (copied from the live colour at run time). */
  deployment: KubeObject | undefined;
  release: ReleaseBundle | undefined;
  releaseConfigMap: KubeManifest | undefined;
  smokeUrl: URL | undefined;
}

const defaultColors: [string, string] = ['blue', 'green'];

/** Resolves the image: as given when it has a digest; with `resolveDigest`, the pushed digest from docker. */
export async function resolveImage(
  clients: ClusterClients,
  image: string,
  resolveDigest: boolean | undefined,
): Promise<string> {
  const reference = parseImageReference(assertImageReference(image));
  if (reference.digest !== undefined || !resolveDigest) return image;
  return (await clients.docker.resolveDigest(image)) ?? image;
}

/** Reads the user's Deployment from `--manifests` (named `deployment ?? app`, else the only one). */
export async function userDeployment(
  manifests: string,
  name: string | undefined,
  app: string,
  io: WorkflowIo,
): Promise<{ object: KubeObject; where: string; objects: KubeObject[] }> {
  const objects = await loadManifests(manifests, io.cwd);
  const found =
    findObject(objects, 'Deployment', name ?? app, manifests) ??
    (name === undefined ? findObject(objects, 'Deployment', undefined, manifests) : undefined);
  if (found === undefined) {
    throw new InvalidInputError(
      `${manifests} has no Deployment${name === undefined ? '' : ` named ${name}`} (found: ${objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`).join(', ') || 'nothing'})`,
    );
  }
  return { object: found.object, where: `${found.file}:${found.line}`, objects: objects.map((o) => o.object) };
}

/**
 * Validates all input, reads the cluster (Service and live Deployment; reads only) and derives the new colour's
 * Deployment from the user's manifests or the live colour. Throws an `AgentCicdError` on invalid input;
 * nothing is changed.
 */
export async function planBlueGreenDeploy(input: BlueGreenDeployInput, io: WorkflowIo): Promise<BlueGreenDeployPlan> {
  const clients = clusterClients(input, io);
  const { app, kubectl } = clients;
  const service = assertDnsLabel(input.service ?? app, 'service name');
  const colorLabel = assertLabelKey(input.colorLabel ?? 'color');
  const colors = input.colors ?? defaultColors;
  for (const color of colors) assertDnsLabel(color, 'colour');
  if (colors[0] === colors[1]) throw new InvalidInputError('the two colours must differ');
  for (const color of colors) assertDnsLabel(`${app}-${color}`, 'deployment name');
  if (input.replicas !== undefined) assertReplicas(input.replicas);
  const keepWarm = assertReplicas(input.keepWarm ?? 1);
  if (input.container !== undefined) assertDnsLabel(input.container, 'container name');
  const smokeUrl = input.smokeUrl === undefined ? undefined : assertHttpUrl(input.smokeUrl, '--smoke-url');
  assertImageReference(input.image);
  const user =
    input.manifests === undefined ? undefined : await userDeployment(input.manifests, input.deployment, app, io);
  // Reads (docker image inspect, kubectl get) start here; nothing below changes anything before execute.
  const image = await resolveImage(clients, input.image, input.resolveDigest);
  const release =
    input.releaseFile === undefined
      ? undefined
      : await loadReleaseFile(resolve(io.cwd, input.releaseFile), image, input.releaseFile);
  const releaseCm = release === undefined ? undefined : releaseConfigMap(app, release);
  // The history must be readable now: a deploy that switches traffic and then cannot record it is half done.
  if (release !== undefined) await clients.store.load();

  let liveColor: string | undefined = colors[0];
  let liveObject: KubeObject | undefined;
  if (!clients.dryRun) {
    const svc = await kubectl.getService(service, { optional: true });
    if (svc === undefined) {
      throw new InvalidInputError(
        `service ${service} not found${input.namespace ? ` in namespace ${input.namespace}` : ''}: apply your Service before the first blue-green deploy`,
      );
    }
    liveColor = svc.spec.selector[colorLabel];
    if (liveColor !== undefined && !colors.includes(liveColor)) {
      throw new InvalidInputError(
        `service ${service} selects ${colorLabel}=${liveColor}, not one of ${colors.join('/')}`,
      );
    }
    if (liveColor !== undefined) {
      liveObject = (await kubectl.getJson('deployment', `${app}-${liveColor}`, { optional: true })) as
        | KubeObject
        | undefined;
    }
  }
  const targetColor = liveColor === colors[0] ? colors[1] : colors[0];
  const base = user?.object ?? liveObject;
  const templateSource = user
    ? `${user.where} (deployment ${user.object.metadata.name})`
    : liveObject
      ? `the live deployment ${app}-${liveColor}`
      : clients.dryRun
        ? `the live deployment ${app}-${liveColor} (read when run; pass --manifests to see it now)`
        : undefined;
  if (templateSource === undefined) {
    throw new InvalidInputError(
      `no Deployment to copy: a first blue-green deploy needs --manifests (your Kubernetes YAML) because ${app}-${liveColor ?? colors[0]} does not exist yet`,
    );
  }
  const baseReplicas = (base?.spec as { replicas?: number } | undefined)?.replicas;
  const replicas = input.replicas ?? (user ? (baseReplicas ?? 2) : undefined) ?? 2;
  const deployment =
    base === undefined
      ? undefined
      : deriveDeployment(base, {
          name: `${app}-${targetColor}`,
          labels: { [colorLabel]: targetColor },
          ...(input.container === undefined ? {} : { container: input.container }),
          image,
          replicas,
          ...(release === undefined ? {} : { release: release.id }),
          ...(releaseCm === undefined
            ? {}
            : { releaseConfigMap: { name: releaseCm.metadata.name, prefix: `${app}-config-` } }),
        });
  const liveReplicas = (liveObject?.spec as { replicas?: number } | undefined)?.replicas;

  const draft = {
    clients,
    image,
    service,
    colorLabel,
    colors,
    liveColor,
    liveReplicas,
    targetColor,
    replicas,
    keepWarm,
    container: input.container,
    deployment,
    release,
    releaseConfigMap: releaseCm,
    smokeUrl,
  };
  const commands = await happyPathCommands(draft, input);
  return {
    action: 'blue-green',
    ...draft,
    facts: [
      ['app', app],
      ...(input.context === undefined ? [] : ([['context', input.context]] as [string, string][])),
      ...(input.namespace === undefined ? [] : ([['namespace', input.namespace]] as [string, string][])),
      ['image', image],
      ['service', `${service} (selector ${colorLabel}=${liveColor ?? '(none)'} → ${targetColor})`],
      ['deployment', `${app}-${targetColor}, ${replicas} replicas, copied from ${templateSource}`],
      ['old colour', liveColor === undefined ? '(none)' : `${app}-${liveColor} kept at ${keepWarm} replicas`],
      ['smoke check', smokeUrl === undefined ? '(none)' : `GET ${smokeUrl.href} expects 2xx`],
      ['release', release === undefined ? '(none)' : `${release.id} (ConfigMap ${releaseCm?.metadata.name})`],
      ['history', release === undefined ? '(not recorded without --release)' : clients.store.description],
    ],
    commands,
    onFailure: [
      `restore the selector ${colorLabel}=${liveColor ?? '(none)'} if it was switched`,
      `scale ${app}-${liveColor ?? '?'} back to ${liveReplicas ?? replicas} if it was scaled down`,
      `scale ${app}-${targetColor} to 0`,
      'read the Service and both Deployments back',
    ],
  };
}

type Draft = Omit<BlueGreenDeployPlan, keyof RolloutPlan>;

/** The commands of the successful path, produced by running it against a recording (dry-run) kubectl. */
async function happyPathCommands(plan: Draft, input: BlueGreenDeployInput): Promise<string[]> {
  const runner = createCommandRunner({ dryRun: true });
  const kubectl = createKubectl({
    runner,
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
  });
  const lines = planLines(plan.clients.runner.commands);
  if (plan.releaseConfigMap) await kubectl.apply(plan.releaseConfigMap);
  await runBlueGreen(bluegreenOptions(plan, kubectl, undefined));
  return [...lines, ...planLines(runner.commands)];
}

function bluegreenOptions(
  plan: Draft,
  kubectl: ClusterClients['kubectl'],
  smoke: (() => Promise<void>) | undefined,
  log?: (line: string) => void,
): Parameters<typeof runBlueGreen>[0] {
  const app = plan.clients.app;
  return {
    kubectl,
    app,
    service: plan.service,
    image: plan.image,
    replicas: plan.replicas,
    keepWarm: plan.keepWarm,
    colorLabel: plan.colorLabel,
    colors: plan.colors,
    timeout: plan.clients.timeout,
    live: { color: plan.liveColor, replicas: plan.liveReplicas },
    ...(plan.container === undefined ? {} : { container: plan.container }),
    ...(plan.deployment === undefined ? {} : { deployment: plan.deployment as KubeManifest }),
    ...(plan.release === undefined
      ? {}
      : { release: plan.release.id, configMap: plan.releaseConfigMap?.metadata.name as string }),
    ...(smoke === undefined ? {} : { smoke }),
    ...(log === undefined ? {} : { log }),
  };
}

/** Runs a plan: release ConfigMap, blue-green switch (rolling back on failure), then the release history. */
export async function executeBlueGreenDeploy(
  plan: BlueGreenDeployPlan,
  io: WorkflowIo,
): Promise<WorkflowOutcome<BlueGreenResult>> {
  const { clients } = plan;
  const app = clients.app;
  const recovery = `check the Service ${plan.service} and the Deployments ${app}-${plan.colors[0]}/${app}-${plan.colors[1]}; to go back run: agent-cicd rollback --app ${app}${plan.release ? '' : ' (needs a recorded release)'}, or kubectl patch service ${plan.service} -p '{"spec":{"selector":{"${plan.colorLabel}":"${plan.liveColor ?? plan.colors[0]}"}}}'`;
  return guardExecution(clients, plan, recovery, async () => {
    const fetchFn = io.fetch ?? globalThis.fetch;
    const smokeUrl = plan.smokeUrl;
    const smoke =
      smokeUrl === undefined
        ? undefined
        : async () => {
            const response = await fetchFn(smokeUrl, { signal: AbortSignal.timeout(30_000) });
            if (!response.ok) throw new Error(`smoke check ${smokeUrl.href} answered ${response.status}`);
          };
    if (plan.releaseConfigMap) await clients.kubectl.apply(plan.releaseConfigMap);
    const result = await runBlueGreen(
      bluegreenOptions(plan, clients.kubectl, smoke, (line) => io.log?.(`[blue-green] ${line}`)),
    );
    const switched = result.outcome === 'switched';
    if (switched && plan.release && !clients.dryRun) {
      const history = await clients.store.load();
      const at = (io.now ?? (() => new Date()))().toISOString();
      await clients.store.save(recordRelease(history, plan.release, { action: 'deploy', at }));
    }
    const check = result.dryRun ? 'dry-run, not verified' : result.verified ? 'verified' : 'NOT verified';
    if (switched) {
      return {
        status: 'succeeded',
        summary: `switched ${plan.service} to ${result.targetColor} (${check})`,
        plan,
        result,
        changes: [],
        problems: [],
        dryRun: result.dryRun,
      };
    }
    const restored = result.verified || result.dryRun;
    return {
      status: restored ? 'rolled_back' : 'failed_part_way',
      summary: `rolled back to ${result.liveColor ?? '(none)'} after ${result.failure?.step} failed: ${result.failure?.message} (${check})`,
      plan,
      result,
      changes: [],
      problems: result.problems,
      dryRun: result.dryRun,
    };
  });
}

/** Plan (validating every input), then execute; in dry-run only the plan is built. */
export async function deployBlueGreen(
  input: BlueGreenDeployInput,
  io: WorkflowIo,
): Promise<WorkflowOutcome<BlueGreenResult>> {
  return planThenExecute(
    () => planBlueGreenDeploy(input, io),
    'blue-green',
    input.dryRun,
    (plan) => executeBlueGreenDeploy(plan, io),
  );
}

/** Relative path for messages. */
export const shownPath = (cwd: string, path: string): string => relative(cwd, resolve(cwd, path)) || path;
