import { InvalidInputError } from '../errors.js';

/** An OCI image reference split into its parts (distribution/reference grammar). */
export interface ImageReference {
  /** Registry host (and port) when the reference names one, e.g. `ghcr.io` or `localhost:5000`. */
  domain: string | undefined;
  /** Repository path, e.g. `acme/agent`. */
  path: string;
  /** `domain/path` (what `RepoDigests` entries start with). */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

// Grammar of github.com/distribution/reference (regexp.go), anchored piecewise.
const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainName}|${ipv6})`;
const domain = `${host}(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const pathRe = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const domainRe = new RegExp(`^${domain}$`);
const tagRe = new RegExp(`^${tag}$`);
const digestRe = new RegExp(`^${digest}$`);
const sha256Re = /^sha256:[0-9a-f]{64}$/;

function invalid(value: string, rule: string): never {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  throw new InvalidInputError(`invalid image reference ${shown}: ${rule}`);
}

/**
 * Parses and validates an image reference (`[domain/]path[:tag][@digest]`). Throws `InvalidInputError`
 * for anything outside the OCI distribution grammar, so it can be passed to docker/kubectl as one argv item.
 */
export function parseImageReference(value: string): ImageReference {
  if (value.length === 0 || value.length > 512) invalid(value, 'must be 1–512 characters');
  let rest = value;
  let digestPart: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digestPart = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digestPart)) invalid(value, 'digest must be algorithm:hex (e.g. sha256:<64 hex>)');
    if (digestPart.startsWith('sha256:') && !sha256Re.test(digestPart)) {
      invalid(value, 'a sha256 digest has 64 lower-case hex digits');
    }
  }
  let tagPart: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tagPart = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!tagRe.test(tagPart)) invalid(value, 'tag must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}');
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  const hasDomain =
    slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first));
  const domainPart = hasDomain ? first : undefined;
  const path = hasDomain ? rest.slice(slash + 1) : rest;
  if (domainPart !== undefined && !domainRe.test(domainPart)) invalid(value, 'registry must be host[:port]');
  if (!pathRe.test(path)) {
    invalid(value, 'repository path components are lower-case letters and digits separated by ".", "_", "__" or "-"');
  }
  if (rest.length > 255) invalid(value, 'repository name must be at most 255 characters');
  return { domain: domainPart, path, repository: rest, tag: tagPart, digest: digestPart };
}

/** Validates an image reference and returns it unchanged. */
export function assertImageReference(value: string): string {
  parseImageReference(value);
  return value;
}

/** `repository@digest` — the immutable reference deployments should use. */
export function digestReference(repository: string, digestValue: string): string {
  const ref = `${repository}@${digestValue}`;
  parseImageReference(ref);
  return ref;
}
