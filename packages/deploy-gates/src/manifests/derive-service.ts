import { InvalidInputError } from '../errors.js';
import { assertDnsLabel, assertLabelKey, assertLabelValue } from '../validate/validate.js';
import { type KubeObject, templateOf } from './kube-object.js';

/** The selector of a Service (empty when it has none). */
export function serviceSelector(service: KubeObject): Record<string, string> {
  const spec = service.spec as { selector?: Record<string, string> } | undefined;
  return { ...(spec?.selector ?? {}) };
}

/**
 * The canary Service: a copy of the user's stable Service (ports, type, annotations…) with only its name and
 * selector changed; `clusterIP`/`clusterIPs` are dropped because the API server assigns them.
 */
export function deriveService(
  base: KubeObject,
  changes: { name: string; selector: Record<string, string> },
): KubeObject {
  if (base.kind !== 'Service') throw new InvalidInputError(`expected kind Service, got ${base.kind}`);
  const copy = templateOf(base);
  for (const [key, value] of Object.entries(changes.selector)) {
    assertLabelKey(key);
    assertLabelValue(value);
  }
  copy.metadata.name = assertDnsLabel(changes.name, 'service name');
  const spec = { ...((copy.spec as Record<string, unknown> | undefined) ?? {}) };
  delete spec.clusterIP;
  delete spec.clusterIPs;
  spec.selector = { ...changes.selector };
  copy.spec = spec;
  return copy;
}
