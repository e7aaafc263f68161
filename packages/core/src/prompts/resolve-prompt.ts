import { resolve } from 'node:path';
import { AgentCicdError } from '../errors.js';
import { decodeUtf8 } from '../source/decode-utf8.js';
import { readProjectFile } from '../source/project-path.js';
import { hashPromptBytes } from './hash-prompt.js';
import type { LoadedManifest } from './load-manifest.js';

/** A prompt version ready to render. */
export interface ResolvedPrompt {
  name: string;
  version: string;
  /** Absolute path of the template file. */
  path: string;
  /** `sha256:…` of the file as read (equal to the manifest's when verified). */
  hash: string;
  template: string;
  /** Declared template variables, when the manifest lists them. */
  variables?: string[];
}

function listOf(names: string[]): string {
  return names.length === 0 ? 'none' : names.map((name) => `"${name}"`).join(', ');
}

/**
 * Finds a prompt version in the manifest (`version` defaults to the prompt's `currentVersion`) and reads its
 * template. Unless `verify` is false, the file must match the manifest's pinned hash.
 */
export async function resolvePrompt(options: {
  manifest: LoadedManifest;
  name: string;
  version?: string | undefined;
  /** @default true */
  verify?: boolean;
}): Promise<ResolvedPrompt> {
  const { manifest, name } = options;
  const location = { file: manifest.file };
  const entry = Object.hasOwn(manifest.manifest.prompts, name) ? manifest.manifest.prompts[name] : undefined;
  if (!entry) {
    throw new AgentCicdError(
      'AGENT_CICD_PROMPT_NOT_FOUND',
      `no prompt "${name}" in the manifest (prompts: ${listOf(Object.keys(manifest.manifest.prompts))})`,
      { location },
    );
  }
  const version = options.version ?? entry.currentVersion;
  if (version === undefined) {
    throw new AgentCicdError(
      'AGENT_CICD_PROMPT_NOT_FOUND',
      `prompt "${name}": no version given and no currentVersion`,
      {
        location,
      },
    );
  }
  const spec = Object.hasOwn(entry.versions, version) ? entry.versions[version] : undefined;
  if (!spec) {
    throw new AgentCicdError(
      'AGENT_CICD_PROMPT_NOT_FOUND',
      `prompt "${name}" has no version "${version}" (versions: ${listOf(Object.keys(entry.versions))})`,
      { location },
    );
  }
  const path = resolve(manifest.root, spec.path);
  const bytes = await readProjectFile(manifest.root, spec.path, {
    file: manifest.file,
    ...manifest.locate(['prompts', name, 'versions', version, 'path']),
  });
  const hash = hashPromptBytes(bytes);
  if (options.verify !== false && spec.hash !== hash) {
    throw new AgentCicdError(
      'AGENT_CICD_MANIFEST_HASH_MISMATCH',
      spec.hash === undefined
        ? `prompt ${name}@${version} (${spec.path}) has no hash; run \`agent-cicd manifest hash\``
        : `prompt ${name}@${version} (${spec.path}) does not match its hash: expected ${spec.hash}, actual ${hash}`,
      { location: { file: manifest.file, ...manifest.locate(['prompts', name, 'versions', version], 'key') } },
    );
  }
  return {
    name,
    version,
    path,
    hash,
    template: decodeUtf8(bytes, spec.path),
    ...(spec.variables ? { variables: spec.variables } : {}),
  };
}
