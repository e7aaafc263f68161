import type { KubeManifest } from '../kubectl/create-kubectl.js';
import { releaseAnnotation } from '../manifests/derive-deployment.js';
import { assertImageReference } from '../validate/image-reference.js';
import { assertDnsLabel, assertLabelKey, assertLabelValue, assertReplicas } from '../validate/validate.js';

export { releaseAnnotation };

export interface DeploymentManifestOptions {
  /** Deployment name. */
  name: string;
  /** Selector and pod labels (e.g. `{ app, color }`). */
  labels: Record<string, string>;
  image: string;
  replicas: number;
  /** @default labels.app ?? name */
  container?: string;
  /** @default 8080 */
  containerPort?: number;
  release?: string;
  /** Environment from this ConfigMap (`envFrom`), e.g. the release's agent config. */
  configMap?: string;
}

function checkedLabels(labels: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(labels)) {
    assertLabelKey(key);
    assertLabelValue(value);
  }
  return { ...labels };
}

/** A minimal apps/v1 Deployment for one colour (blue-green) or track (canary). */
export function deploymentManifest(options: DeploymentManifestOptions): KubeManifest {
  const labels = checkedLabels(options.labels);
  const annotations = options.release === undefined ? {} : { [releaseAnnotation]: assertLabelValue(options.release) };
  const container = assertDnsLabel(options.container ?? options.labels.app ?? options.name, 'container name');
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: options.name, labels, annotations },
    spec: {
      replicas: assertReplicas(options.replicas),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations },
        spec: {
          containers: [
            {
              name: container,
              image: assertImageReference(options.image),
              ports: [{ containerPort: options.containerPort ?? 8080 }],
              ...(options.configMap === undefined ? {} : { envFrom: [{ configMapRef: { name: options.configMap } }] }),
            },
          ],
        },
      },
    },
  };
}

/** A ClusterIP Service selecting `selector` (for blue-green, `{ app, color }`). */
export function serviceManifest(options: {
  name: string;
  selector: Record<string, string>;
  port?: number;
  targetPort?: number;
}): KubeManifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: assertDnsLabel(options.name, 'service name') },
    spec: {
      selector: checkedLabels(options.selector),
      ports: [{ name: 'http', port: options.port ?? 80, targetPort: options.targetPort ?? 8080 }],
    },
  };
}
