import { z } from 'zod';
import type { Kubectl, KubeManifest } from '../kubectl/create-kubectl.js';
import { assertDnsLabel, assertDnsSubdomain, assertWeight } from '../validate/validate.js';
import type { TrafficRouter } from './traffic-router.js';

export const nginxCanaryAnnotation = 'nginx.ingress.kubernetes.io/canary';
export const nginxCanaryWeightAnnotation = 'nginx.ingress.kubernetes.io/canary-weight';

export interface NginxCanaryRouterOptions {
  kubectl: Kubectl;
  /** The stable Ingress (its host and path are mirrored by the canary Ingress). */
  ingress: string;
  /** @default `${ingress}-canary` */
  canaryIngress?: string;
  /** Needed unless `manifest` is given. */
  host?: string;
  /** @default '/' */
  path?: string;
  /** Service in front of the canary pods. */
  canaryService: string;
  /** @default 80 */
  servicePort?: number;
  /** @default 'nginx' */
  ingressClassName?: string;
  /**
   * The canary Ingress derived from the user's stable Ingress (`deriveCanaryIngress`: hosts, paths, TLS and
   * annotations copied). Without it one rule for `host` and `path` is generated.
   */
  manifest?: KubeManifest;
}

const IngressAnnotationsSchema = z.object({
  metadata: z.object({ annotations: z.record(z.string(), z.string()).default({}) }),
});

/** The canary Ingress: same host and path as the stable one, `canary: "true"`, weight in `canary-weight`. */
export function nginxCanaryIngress(options: Omit<NginxCanaryRouterOptions, 'kubectl'>, weight = 0): KubeManifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: assertDnsSubdomain(options.canaryIngress ?? `${options.ingress}-canary`, 'ingress name'),
      annotations: { [nginxCanaryAnnotation]: 'true', [nginxCanaryWeightAnnotation]: String(assertWeight(weight)) },
    },
    spec: {
      ingressClassName: options.ingressClassName ?? 'nginx',
      rules: [
        {
          host: assertDnsSubdomain(options.host ?? '', 'host'),
          http: {
            paths: [
              {
                path: options.path ?? '/',
                pathType: 'Prefix',
                backend: {
                  service: {
                    name: assertDnsLabel(options.canaryService, 'service name'),
                    port: { number: options.servicePort ?? 80 },
                  },
                },
              },
            ],
          },
        },
      ],
    },
  };
}

/**
 * ingress-nginx canary: a second Ingress annotated `nginx.ingress.kubernetes.io/canary: "true"` whose
 * `canary-weight` is set with `kubectl annotate --overwrite`. (Upstream ingress-nginx was retired in 2026;
 * prefer the Gateway API router for new clusters.)
 */
export function createNginxCanaryRouter(options: NginxCanaryRouterOptions): TrafficRouter {
  const { kubectl } = options;
  assertDnsSubdomain(options.ingress, 'ingress name');
  const manifest = options.manifest ?? nginxCanaryIngress(options);
  const canaryIngress = manifest.metadata.name;
  return {
    name: 'nginx',
    async prepare() {
      await kubectl.apply(manifest);
    },
    async setWeight(weight) {
      await kubectl.annotate('ingress', canaryIngress, { [nginxCanaryWeightAnnotation]: String(assertWeight(weight)) });
    },
    async currentWeight() {
      const json = await kubectl.getJson('ingress', canaryIngress, { optional: true });
      // No canary Ingress (never prepared, or removed) sends no traffic to the canary.
      if (json === undefined) return kubectl.runner.dryRun ? undefined : 0;
      const value = IngressAnnotationsSchema.parse(json).metadata.annotations[nginxCanaryWeightAnnotation];
      return value === undefined ? 0 : Number(value);
    },
  };
}
