import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AgentCicdError } from '../errors.js';

/** File names of suites: `*.prompt.yaml`, `*.suite.yaml`, `*.cases.json`. */
export const SUITE_FILE = /\.(prompt|suite)\.ya?ml$|\.cases\.json$/;

/**
 * The suite files `paths` (relative to `cwd`) name: files as given, directories searched recursively (without
 * `node_modules`), sorted. A path that does not exist, or a directory without suites, is an error.
 */
export async function findSuiteFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', 'file not found', { location: { file: path } });
    if (info.isFile()) {
      files.push(absolute);
      continue;
    }
    const found = (await readdir(absolute, { recursive: true }))
      .filter((entry) => SUITE_FILE.test(entry) && !entry.split(/[\\/]/).includes('node_modules'))
      .sort()
      .map((entry) => join(absolute, entry));
    if (found.length === 0) {
      throw new AgentCicdError(
        'AGENT_CICD_FILE_NOT_FOUND',
        'no suite files (*.prompt.yaml, *.suite.yaml, *.cases.json) here',
        { location: { file: path } },
      );
    }
    files.push(...found);
  }
  return files;
}
