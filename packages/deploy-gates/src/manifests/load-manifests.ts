import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { AgentCicdError } from '@agent-cicd/core';
import { LineCounter, parseAllDocuments } from 'yaml';
import { DeployErrorCode } from '../errors.js';
import type { KubeObject, SourcedObject } from './kube-object.js';

/** Largest manifest file read (kustomize output of a real app is well under this). */
export const maxManifestBytes = 4 * 1024 * 1024;

const manifestError = (message: string, file: string, line?: number, column?: number) =>
  new AgentCicdError(DeployErrorCode.manifestInvalid, message, {
    location: { file, ...(line === undefined ? {} : { line, column: column ?? 1 }) },
  });

/** Parses multi-document YAML (or JSON, a `List`, `kubectl kustomize` output) into located objects. */
export function parseManifests(text: string, file: string): SourcedObject[] {
  if (Buffer.byteLength(text) > maxManifestBytes) {
    throw manifestError(`manifest is larger than ${maxManifestBytes} bytes`, file);
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(documents)) return []; // an empty stream
  const objects: SourcedObject[] = [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw manifestError(`YAML syntax error: ${error.message.split('\n')[0]}`, file, line, col);
    }
    const start = document.contents?.range?.[0] ?? 0;
    const { line } = lineCounter.linePos(start);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      throw manifestError(`YAML cannot be read: ${(cause as Error).message}`, file, line);
    }
    if (value === null || value === undefined) continue;
    const items = (value as { kind?: unknown }).kind === 'List' ? (value as { items?: unknown[] }).items : [value];
    for (const item of items ?? []) {
      const object = item as Partial<KubeObject> | null;
      if (
        typeof object !== 'object' ||
        object === null ||
        typeof object.kind !== 'string' ||
        typeof object.apiVersion !== 'string' ||
        typeof object.metadata?.name !== 'string'
      ) {
        throw manifestError('not a Kubernetes object (needs apiVersion, kind and metadata.name)', file, line);
      }
      objects.push({ object: object as KubeObject, file, line });
    }
  }
  return objects;
}

async function readManifestFile(path: string, shown: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw manifestError('file not found', shown);
  }
  if (size > maxManifestBytes) throw manifestError(`manifest is larger than ${maxManifestBytes} bytes`, shown);
  const bytes = await readFile(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) throw manifestError('file is not valid UTF-8', shown);
  return text;
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
    throw manifestError('manifests not found (a file or a directory)', shown);
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
  const documents = parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(documents)) return [];
  return documents.map((d) => {
    if (d.errors[0]) throw manifestError(`YAML syntax error: ${d.errors[0].message.split('\n')[0]}`, file);
    return d.toJS({ maxAliasCount: 100 });
  });
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
