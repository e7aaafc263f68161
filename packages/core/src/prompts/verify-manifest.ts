import { AgentCicdError, type SourceLocation } from '../errors.js';
import { OUTSIDE_PROJECT, readProjectFile } from '../source/project-path.js';
import { hashPromptBytes } from './hash-prompt.js';
import type { LoadedManifest } from './load-manifest.js';

/** The outcome of checking one prompt version. */
export interface PromptCheck {
  name: string;
  version: string;
  /** The path as written in the manifest. */
  path: string;
  /** `ok`; `mismatch` (file changed); `unhashed` (no hash yet); `missing` (file not readable). */
  status: 'ok' | 'mismatch' | 'unhashed' | 'missing';
  expected: string | undefined;
  actual: string | undefined;
  /** Where the version's entry is in the manifest. */
  location: SourceLocation;
}

/** Recomputes the hash of every prompt version and compares it with the manifest. */
export async function verifyManifest(manifest: LoadedManifest): Promise<PromptCheck[]> {
  const checks: PromptCheck[] = [];
  for (const [name, entry] of Object.entries(manifest.manifest.prompts)) {
    for (const [version, spec] of Object.entries(entry.versions)) {
      const location = { file: manifest.file, ...manifest.locate(['prompts', name, 'versions', version], 'key') };
      let actual: string | undefined;
      try {
        actual = hashPromptBytes(await readProjectFile(manifest.root, spec.path, location));
      } catch (error) {
        // A path out of the project root is never read, hashed or reported as fine.
        if (error instanceof AgentCicdError && error.code === OUTSIDE_PROJECT) throw error;
        actual = undefined;
      }
      const status =
        actual === undefined
          ? 'missing'
          : spec.hash === undefined
            ? 'unhashed'
            : spec.hash === actual
              ? 'ok'
              : 'mismatch';
      checks.push({ name, version, path: spec.path, status, expected: spec.hash, actual, location });
    }
  }
  return checks;
}

/** One line per failed check: `manifest:line:col: prompt support@v2 (prompts/support/v2.hbs): hash mismatch: expected …, actual …`. */
export function describePromptCheck(check: PromptCheck): string {
  const what = `prompt ${check.name}@${check.version} (${check.path})`;
  switch (check.status) {
    case 'ok':
      return `${what}: ok`;
    case 'missing':
      return `${what}: file not found`;
    case 'unhashed':
      return `${what}: no hash (actual ${check.actual}); run \`agent-cicd manifest hash\``;
    case 'mismatch':
      return `${what}: hash mismatch: expected ${check.expected}, actual ${check.actual}`;
  }
}
