import { dirname, resolve } from 'node:path';
import { findConfigFile } from '../config/load-config.js';
import { parseSource } from '../source/parse-source.js';
import { readTextFile } from '../source/read-text-file.js';
import type { PathSegment, Position } from '../source/source-document.js';
import { validateSource } from '../source/validate-source.js';
import { type Manifest, ManifestSchema } from './manifest-schema.js';

/** A manifest, the project root its paths resolve from, and where its entries are. */
export interface LoadedManifest {
  /** The manifest file as given. */
  file: string;
  /** Absolute project root; version paths resolve from here. */
  root: string;
  manifest: Manifest;
  /** Position of a field (path in the manifest's own spelling, e.g. `['prompts', 'support', 'versions', 'v1', 'path']`). */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position | undefined;
}

/**
 * The project root of a manifest: the directory of the nearest `agent-cicd.config.*` found from the manifest's
 * directory upwards (stopping at a repository root); without one, the parent of the manifest's directory
 * (`<root>/prompts/manifest.yaml`, the seed's `<root>/config/prompt_manifest.yaml`).
 */
export async function manifestRoot(manifestFile: string): Promise<string> {
  const dir = dirname(resolve(manifestFile));
  const config = await findConfigFile(dir);
  return config === undefined ? dirname(dir) : dirname(config);
}

/** Parses a manifest from text; see {@link loadManifest}. */
export function parseManifestText(text: string, file: string, root: string): LoadedManifest {
  const doc = parseSource(text, file);
  const manifest = validateSource(doc, ManifestSchema, 'AGENT_CICD_MANIFEST_INVALID');
  return { file, root: resolve(root), manifest, locate: (path, at) => doc.locate(path, at) };
}

/**
 * Loads and validates a prompt manifest (YAML or JSON). `root` overrides the project root that
 * {@link manifestRoot} finds; `name` is how errors name the file (default: `file`).
 */
export async function loadManifest(
  file: string,
  options: { root?: string | undefined; name?: string | undefined } = {},
): Promise<LoadedManifest> {
  const name = options.name ?? file;
  const text = await readTextFile(file, name);
  return parseManifestText(text, name, options.root ?? (await manifestRoot(file)));
}
