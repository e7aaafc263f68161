import { InvalidInputError } from '../errors.js';
import { assertImageReference } from '../validate/image-reference.js';
import { assertDnsSubdomain, assertLabelKey, assertLabelValue, assertReplicas } from '../validate/validate.js';
import { type KubeObject, templateOf } from './kube-object.js';

/** Annotation carrying the release id on Deployments (and their pod templates). */
export const releaseAnnotation = 'agent-cicd.dev/release';

export interface DeriveDeploymentChanges {
  /** The new Deployment's name (`agent-green`, `agent-canary`). */
  name: string;
  /** Labels set on the selector, the pod template and the Deployment (added to, or overriding, the user's). */
  labels: Record<string, string>;
  /** Container whose image changes. @default the only container, or the one named like the user's Deployment */
  container?: string;
  image: string;
  replicas: number;
  /** Release id for the release annotation (Deployment and pod template). */
  release?: string;
  /**
   * A release's ConfigMap: added as the container's first `envFrom` source, replacing an earlier release's
   * (ConfigMaps whose name starts with `releaseConfigMapPrefix`). Everything else in `envFrom`/`env` stays.
   */
  releaseConfigMap?: { name: string; prefix: string };
}

interface Container {
  name: string;
  image?: string;
  envFrom?: { configMapRef?: { name?: string } }[];
  [key: string]: unknown;
}
interface DeploymentShape extends KubeObject {
  spec: {
    replicas?: number;
    selector: { matchLabels?: Record<string, string>; [key: string]: unknown };
    template: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
      spec: { containers: Container[]; [key: string]: unknown };
    };
    [key: string]: unknown;
  };
}

/** The user's Deployment, checked to have the parts every rollout changes. */
export function asDeployment(object: KubeObject): DeploymentShape {
  const where = `deployment ${object.metadata?.name ?? '(unnamed)'}`;
  if (object.kind !== 'Deployment')
    throw new InvalidInputError(`${where}: expected kind Deployment, got ${object.kind}`);
  const spec = object.spec as Partial<DeploymentShape['spec']> | undefined;
  if (!spec?.selector?.matchLabels || Object.keys(spec.selector.matchLabels).length === 0) {
    throw new InvalidInputError(`${where}: spec.selector.matchLabels is missing`);
  }
  if (!Array.isArray(spec.template?.spec?.containers) || spec.template.spec.containers.length === 0) {
    throw new InvalidInputError(`${where}: spec.template.spec.containers is empty`);
  }
  return object as DeploymentShape;
}

/** The container a rollout changes: `name` when given, else the only one, else the one named like the Deployment. */
export function pickContainer(deployment: KubeObject, name: string | undefined): string {
  const containers = asDeployment(deployment).spec.template.spec.containers;
  const names = containers.map((c) => c.name);
  if (name !== undefined) {
    if (!names.includes(name)) {
      throw new InvalidInputError(
        `deployment ${deployment.metadata.name} has no container named ${name} (it has: ${names.join(', ')})`,
      );
    }
    return name;
  }
  if (names.length === 1) return names[0] as string;
  const byName = names.find((n) => n === deployment.metadata.name || n === deployment.metadata.labels?.app);
  if (byName) return byName;
  throw new InvalidInputError(
    `deployment ${deployment.metadata.name} has several containers (${names.join(', ')}); pass --container`,
  );
}

/**
 * Copies the user's Deployment and changes only its name, selector/pod labels, the image of one container,
 * replicas and the release annotation (plus the release ConfigMap in `envFrom` when a release is given). Env,
 * secretKeyRefs, probes, resources, volumes, service account, affinity and everything else stay as written.
 */
export function deriveDeployment(base: KubeObject, changes: DeriveDeploymentChanges): KubeObject {
  const copy = templateOf(asDeployment(base)) as DeploymentShape;
  const container = pickContainer(copy, changes.container);
  for (const [key, value] of Object.entries(changes.labels)) {
    assertLabelKey(key);
    assertLabelValue(value);
  }
  copy.metadata.name = assertDnsSubdomain(changes.name, 'deployment name');
  copy.metadata.labels = { ...copy.metadata.labels, ...changes.labels };
  copy.spec.selector.matchLabels = { ...copy.spec.selector.matchLabels, ...changes.labels };
  copy.spec.template.metadata ??= {};
  copy.spec.template.metadata.labels = { ...copy.spec.template.metadata.labels, ...changes.labels };
  copy.spec.replicas = assertReplicas(changes.replicas);
  if (changes.release !== undefined) {
    const release = assertLabelValue(changes.release, 'release id');
    copy.metadata.annotations = { ...copy.metadata.annotations, [releaseAnnotation]: release };
    copy.spec.template.metadata.annotations = {
      ...copy.spec.template.metadata.annotations,
      [releaseAnnotation]: release,
    };
  }
  const image = assertImageReference(changes.image);
  copy.spec.template.spec.containers = copy.spec.template.spec.containers.map((c) => {
    if (c.name !== container) return c;
    const updated: Container = { ...c, image };
    if (changes.releaseConfigMap !== undefined) {
      const { name, prefix } = changes.releaseConfigMap;
      const kept = (c.envFrom ?? []).filter((source) => !source.configMapRef?.name?.startsWith(prefix));
      updated.envFrom = [{ configMapRef: { name } }, ...kept];
    }
    return updated;
  });
  return copy;
}
