import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, Scalar } from 'yaml';
import { AgentCicdError } from '../errors.js';
import { hashPromptBytes } from './hash-prompt.js';
import { type LoadedManifest, loadManifest } from './load-manifest.js';

/** A hash `hashManifest` wrote (or would write). */
export interface HashChange {
  name: string;
  version: string;
  path: string;
  previous: string | undefined;
  hash: string;
}

/**
 * Recomputes every prompt version's hash and writes the changed ones into the manifest, keeping its comments and
 * formatting (YAML Document API). The file is replaced atomically (temp file + rename). Returns what changed.
 */
export async function hashManifest(
  file: string,
  options: { root?: string | undefined; name?: string | undefined } = {},
): Promise<HashChange[]> {
  const loaded: LoadedManifest = await loadManifest(file, options);
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text, { lineCounter: new LineCounter() });
  const changes: HashChange[] = [];
  for (const [name, entry] of Object.entries(loaded.manifest.prompts)) {
    for (const [version, spec] of Object.entries(entry.versions)) {
      let bytes: Buffer;
      try {
        bytes = await readFile(resolve(loaded.root, spec.path));
      } catch (error) {
        throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', `prompt ${name}@${version}: cannot read ${spec.path}`, {
          cause: error,
          location: { file: loaded.file, ...loaded.locate(['prompts', name, 'versions', version, 'path']) },
        });
      }
      const hash = hashPromptBytes(bytes);
      if (hash === spec.hash) continue;
      changes.push({ name, version, path: spec.path, previous: spec.hash, hash });
      const versionNode = doc.getIn(['prompts', name, 'versions', version], true);
      const node = isMap(versionNode) ? versionNode.get('hash', true) : undefined;
      if (isScalar(node)) node.value = hash;
      else if (isMap(versionNode)) {
        // A new hash goes right after `path`, where a reader looks for it.
        const scalar = new Scalar(hash);
        scalar.type = Scalar.QUOTE_DOUBLE;
        const pair = doc.createPair('hash', scalar);
        const after = versionNode.items.findIndex((item) => isScalar(item.key) && item.key.value === 'path');
        versionNode.items.splice(after + 1, 0, pair);
      }
    }
  }
  if (changes.length > 0) {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, /\.json$/i.test(file) ? `${JSON.stringify(doc.toJS(), null, 2)}\n` : doc.toString({ flowCollectionPadding: false }));
    await rename(temp, file);
  }
  return changes;
}
