import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core';
import { authoredFileLimits, parseYamlDocuments, readTextFile, type SourceLimits } from '@agent-cicd/core/source';
import { DeployErrorCode } from '../errors.js';
import type { KubeObject, SourcedObject } from './kube-object.js';

/** Largest manifest file read (kustomize output of a real app is well under this). */
export const maxManifestBytes = 4 * 1024 * 1024;

/** The guarded loader's limits for manifests: core's depth and alias limits, a 4 MiB size limit. */
const manifestLimits: SourceLimits = { ...authoredFileLimits, maxBytes: maxManifestBytes };

const manifestError = (message: string, file: string, line?: number, column?: number, path?: string) =>
  new AgentCicdError(DeployErrorCode.manifestInvalid, message, {
    location: {
      file,
      ...(line === undefined ? {} : { line, column: column ?? 1 }),
      ...(path === undefined ? {} : { path }),
    },
  });

/**
 * Parses multi-document YAML (or JSON, a `List`, `kubectl kustomize` output) into located objects, through core's
 * guarded loader: a syntax error, nesting deeper than 256 levels or a YAML alias bomb in any document is
 * `AGENT_CICD_PARSE_ERROR` at its line and column; something that is not a Kubernetes object is
 * `AGENT_CICD_KUBE_MANIFEST_INVALID` at the object (`items[2]` of a `List`, or the document).
 */
export function parseManifests(text: string, file: string): SourcedObject[] {
  if (Buffer.byteLength(text) > maxManifestBytes) {
    throw new AgentCicdError('AGENT_CICD_FILE_TOO_LARGE', `manifest is larger than ${maxManifestBytes} bytes`, {
      location: { file },
    });
  }
  const objects: SourcedObject[] = [];
  for (const document of parseYamlDocuments(text, file, manifestLimits)) {
    const value = document.value;
    if (value === null || value === undefined) continue;
    const isList = (value as { kind?: unknown }).kind === 'List';
    const items = isList ? (value as { items?: unknown }).items : [value];
    if (!Array.isArray(items)) {
      const at = document.locate(['items']);
      throw manifestError('a List needs items: [...]', file, at?.line, at?.column, 'items');
    }
    items.forEach((item, i) => {
      const object = item as Partial<KubeObject> | null;
      const where = isList ? ['items', i] : [];
      const at = document.locate(where) ?? document.start;
      if (
        typeof object !== 'object' ||
        object === null ||
        Array.isArray(object) ||
        typeof object.kind !== 'string' ||
        typeof object.apiVersion !== 'string' ||
        typeof object.metadata?.name !== 'string'
      ) {
        throw manifestError(
          'not a Kubernetes object (needs apiVersion, kind and metadata.name)',
          file,
          at.line,
          at.column,
          isList ? `items[${i}]` : undefined,
        );
      }
      objects.push({ object: object as KubeObject, file, line: at.line });
    });
  }
  return objects;
}

/** A manifest file's text through the guarded loader: located not-found, size (4 MiB) and UTF-8 errors. */
async function readManifestFile(path: string, shown: string): Promise<string> {
  return readTextFile(path, shown, { maxBytes: maxManifestBytes });
}

const isManifestFile = (name: string) => /\.(ya?ml|json)$/.test(name);
const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Reads the user's manifests: one file, or a directory's `*.yaml`/`*.yml`/`*.json` (sorted). A directory with a
 * `kustomization.yaml` contributes exactly its plain `resources:` files; a kustomization with patches,
 * generators or remote bases is refused with the command to run instead (`kubectl kustomize DIR > out.yaml`).
 */
export async function loadManifests(path: string, cwd = process.cwd()): Promise<SourcedObject[]> {
  const absolute = resolve(cwd, path);
  const shown = relative(cwd, absolute) || path;
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(absolute)).isDirectory();
  } catch {
    throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', 'manifests not found (a file or a directory)', {
      location: { file: shown },
    });
  }
  if (!isDirectory) return parseManifests(await readManifestFile(absolute, shown), shown);
  const names = (await readdir(absolute)).sort();
  const kustomization = names.find((name) => kustomizationNames.includes(name));
  let files = names.filter((name) => isManifestFile(name) && !kustomizationNames.includes(name));
  if (kustomization !== undefined) {
    const where = join(shown, kustomization);
    const [doc] = parseManifestsLoose(await readManifestFile(join(absolute, kustomization), where), where);
    const { resources, ...rest } = (doc ?? {}) as { resources?: unknown; [key: string]: unknown };
    const extra = Object.keys(rest).filter((key) => !['apiVersion', 'kind', 'metadata', 'namespace'].includes(key));
    const plain = Array.isArray(resources) && resources.every((r) => typeof r === 'string' && isManifestFile(r));
    if (extra.length > 0 || !plain) {
      throw manifestError(
        `this kustomization uses ${extra.length > 0 ? extra.join(', ') : 'non-file resources'}; render it first: kubectl kustomize ${shown} > rendered.yaml, then pass --manifests rendered.yaml`,
        where,
      );
    }
    files = resources as string[];
    const outside = files.find((r) => !resolve(absolute, r).startsWith(`${absolute}${sep}`));
    if (outside !== undefined) {
      throw manifestError(`resource ${outside} is outside ${shown}; render it with kubectl kustomize first`, where);
    }
  }
  const objects: SourcedObject[] = [];
  for (const name of files) {
    const file = join(absolute, name);
    objects.push(...parseManifests(await readManifestFile(file, join(shown, name)), join(shown, name)));
  }
  return objects;
}

function parseManifestsLoose(text: string, file: string): unknown[] {
  return parseYamlDocuments(text, file, manifestLimits).map((document) => document.value);
}

/** The one object of `kind` named `name` (or, without a name, the only object of that kind). */
export function findObject(
  objects: readonly SourcedObject[],
  kind: string,
  name: string | undefined,
  source: string,
): SourcedObject | undefined {
  const ofKind = objects.filter((o) => o.object.kind === kind);
  if (name !== undefined) return ofKind.find((o) => o.object.metadata.name === name);
  if (ofKind.length > 1) {
    throw manifestError(
      `${source} has ${ofKind.length} ${kind}s (${ofKind.map((o) => o.object.metadata.name).join(', ')}); name the one to use`,
      source,
    );
  }
  return ofKind[0];
}
