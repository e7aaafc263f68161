import { rename, writeFile } from 'node:fs/promises';
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { readProjectFile } from '../source/project-path.js';
import { readTextFile } from '../source/read-text-file.js';
import { hashPromptBytes } from './hash-prompt.js';
import { manifestRoot, parseManifestText } from './load-manifest.js';

/** A hash `hashManifest` wrote. */
export interface HashChange {
  name: string;
  version: string;
  path: string;
  previous: string | undefined;
  hash: string;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The text edit that sets `hash` in one version's map: replace the old value, or add it right after `path`. */
function hashEdit(text: string, versionNode: YAMLMap, hash: string, json: boolean): Edit {
  const quoted = JSON.stringify(hash);
  const existing = versionNode.get('hash', true);
  if (isScalar(existing) && existing.range) return { start: existing.range[0], end: existing.range[1], text: quoted };
  const pathPair = versionNode.items.find((item) => isScalar(item.key) && item.key.value === 'path');
  const keyRange = isScalar(pathPair?.key) ? pathPair.key.range : undefined;
  const valueRange = isScalar(pathPair?.value) ? pathPair.value.range : undefined;
  if (!keyRange || !valueRange) throw new Error('a validated version always has a scalar path');
  const key = json ? '"hash"' : 'hash';
  if (versionNode.flow) return { start: valueRange[1], end: valueRange[1], text: `, ${key}: ${quoted}` };
  const lineStart = text.lastIndexOf('\n', keyRange[0]) + 1;
  const indent = text.slice(lineStart, keyRange[0]);
  const lineEnd = text.indexOf('\n', valueRange[1]);
  const at = lineEnd === -1 ? text.length : lineEnd;
  return { start: at, end: at, text: `\n${indent}${key}: ${quoted}` };
}

/**
 * Recomputes every prompt version's hash and writes the changed ones into the manifest. Only the hash values change:
 * comments and formatting stay byte for byte (edits at the YAML Document's node ranges); a missing `hash` is added
 * after `path`. The file is replaced atomically (temp file + rename). Returns what changed.
 */
export async function hashManifest(
  file: string,
  options: { root?: string | undefined; name?: string | undefined } = {},
): Promise<HashChange[]> {
  // One read through core's guarded loader (size, UTF-8, syntax, depth and alias limits, schema); the editable
  // Document is parsed from that same validated text.
  const name = options.name ?? file;
  const text = await readTextFile(file, name);
  const loaded = parseManifestText(text, name, options.root ?? (await manifestRoot(file)));
  const doc = parseDocument(text, { keepSourceTokens: true });
  const json = /\.json$/i.test(file);
  const changes: HashChange[] = [];
  const edits: Edit[] = [];
  for (const [name, entry] of Object.entries(loaded.manifest.prompts)) {
    for (const [version, spec] of Object.entries(entry.versions)) {
      const bytes = await readProjectFile(loaded.root, spec.path, {
        file: loaded.file,
        ...loaded.locate(['prompts', name, 'versions', version, 'path']),
      });
      const hash = hashPromptBytes(bytes);
      if (hash === spec.hash) continue;
      changes.push({ name, version, path: spec.path, previous: spec.hash, hash });
      const versionNode = doc.getIn(['prompts', name, 'versions', version], true);
      if (isMap(versionNode)) edits.push(hashEdit(text, versionNode, hash, json));
    }
  }
  if (edits.length > 0) {
    let out = text;
    for (const edit of edits.sort((a, b) => b.start - a.start))
      out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, out);
    await rename(temp, file);
  }
  return changes;
}
