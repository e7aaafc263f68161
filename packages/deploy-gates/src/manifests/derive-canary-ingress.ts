import { InvalidInputError } from '../errors.js';
import { nginxCanaryAnnotation, nginxCanaryWeightAnnotation } from '../routers/nginx-canary-router.js';
import { assertDnsLabel, assertDnsSubdomain, assertWeight } from '../validate/validate.js';
import { type KubeObject, templateOf } from './kube-object.js';

interface Backend {
  service?: { name?: string; port?: { number?: number; name?: string } };
  [key: string]: unknown;
}
interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: Backend;
  tls?: unknown[];
  rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: Backend }[] } }[];
  [key: string]: unknown;
}

/**
 * The ingress-nginx canary Ingress derived from the user's stable Ingress: same class, hosts, paths (e.g. the
 * seed's `/v1/chat`), TLS and annotations; a new name, `canary: "true"` with `canary-weight`, and every
 * backend that pointed at the stable Service pointing at the canary Service (same port) instead.
 */
export function deriveCanaryIngress(
  stable: KubeObject,
  changes: { name: string; stableService: string; canaryService: string; weight?: number },
): KubeObject {
  if (stable.kind !== 'Ingress') throw new InvalidInputError(`expected kind Ingress, got ${stable.kind}`);
  const copy = templateOf(stable);
  const spec = (copy.spec ?? {}) as IngressSpec;
  const canaryService = assertDnsLabel(changes.canaryService, 'service name');
  let routed = 0;
  const retarget = (backend: Backend | undefined) => {
    if (backend?.service?.name === changes.stableService) {
      backend.service.name = canaryService;
      routed++;
    }
  };
  retarget(spec.defaultBackend);
  for (const rule of spec.rules ?? []) for (const path of rule.http?.paths ?? []) retarget(path.backend);
  if (routed === 0) {
    throw new InvalidInputError(
      `ingress ${stable.metadata.name} routes nothing to service ${changes.stableService}; pass the Service it routes to`,
    );
  }
  if (stable.metadata.annotations?.[nginxCanaryAnnotation] === 'true') {
    throw new InvalidInputError(`ingress ${stable.metadata.name} is itself a canary Ingress; name the stable one`);
  }
  copy.metadata.name = assertDnsSubdomain(changes.name, 'ingress name');
  copy.metadata.annotations = {
    ...copy.metadata.annotations,
    [nginxCanaryAnnotation]: 'true',
    [nginxCanaryWeightAnnotation]: String(assertWeight(changes.weight ?? 0)),
  };
  copy.spec = spec;
  return copy;
}
