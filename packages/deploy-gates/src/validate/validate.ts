import { InvalidInputError } from '../errors.js';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const contextName = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/;
const goDuration = /^(\d+(ms|s|m|h))+$/;

/** Shows a rejected value on one line, whatever it contains. */
function show(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function fail(what: string, value: string, rule: string): never {
  throw new InvalidInputError(`invalid ${what} ${show(value)}: ${rule}`);
}

/** RFC 1123 DNS label (Kubernetes names of Services, namespaces, containers): `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, ≤ 63. */
export function assertDnsLabel(value: string, what = 'name'): string {
  if (value.length > 63 || !dnsLabel.test(value)) {
    fail(what, value, 'must be an RFC 1123 DNS label (lower-case letters, digits and "-", at most 63 characters)');
  }
  return value;
}

/** RFC 1123 DNS subdomain (names of Deployments, ConfigMaps, Ingresses, HTTPRoutes): ≤ 253. */
export function assertDnsSubdomain(value: string, what = 'name'): string {
  if (value.length > 253 || !dnsSubdomain.test(value)) {
    fail(what, value, 'must be an RFC 1123 DNS subdomain (lower-case letters, digits, "-" and ".", at most 253)');
  }
  return value;
}

/** Kubernetes label value: empty, or alphanumeric at both ends with `-_.` inside, ≤ 63. */
export function assertLabelValue(value: string, what = 'label value'): string {
  if (value.length > 63 || !labelValue.test(value)) {
    fail(what, value, 'must be a Kubernetes label value (letters, digits, "-", "_", ".", at most 63 characters)');
  }
  return value;
}

/** Kubernetes label/annotation key: optional DNS-subdomain prefix and `/`, then a qualified name ≤ 63. */
export function assertLabelKey(value: string, what = 'label key'): string {
  const slash = value.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : value.slice(0, slash);
  const name = slash === -1 ? value : value.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && dnsSubdomain.test(prefix));
  if (!prefixOk || name.length > 63 || !qualifiedName.test(name)) {
    fail(what, value, 'must be a Kubernetes qualified name ([prefix/]name)');
  }
  return value;
}

/** A kubeconfig context name: no leading `-`, no whitespace or shell metacharacters. */
export function assertContextName(value: string): string {
  if (value.length > 253 || !contextName.test(value)) {
    fail('kube context', value, 'must start with a letter or digit and contain only letters, digits and ._:@/+-');
  }
  return value;
}

/** A Go duration as kubectl's `--timeout` takes it (`90s`, `5m`, `1h30m`). */
export function assertDuration(value: string, what = 'timeout'): string {
  if (!goDuration.test(value)) fail(what, value, 'must be a duration such as 90s, 5m or 1h30m');
  return value;
}

/** A canary traffic weight: an integer percentage 0–100. */
export function assertWeight(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new InvalidInputError(`invalid traffic weight ${value}: must be an integer from 0 to 100`);
  }
  return value;
}

/** A replica count: a non-negative integer. */
export function assertReplicas(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new InvalidInputError(`invalid replica count ${value}: must be an integer from 0 to 10000`);
  }
  return value;
}
