import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load-config.js';
import { AgentCicdError } from '../errors.js';

/** What kind of file lint treats a path as. */
export type LintTargetKind = 'config' | 'manifest' | 'suite' | 'template';

export interface LintTarget {
  /** Absolute path. */
  file: string;
  kind: LintTargetKind;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'coverage']);

/**
 * The kind of a file by its name: `agent-cicd.config.*`; `manifest.yaml`, `prompt_manifest.yaml`,
 * `*.manifest.yaml`; suites `*.prompt.yaml`, `*.suite.yaml`, `*.cases.json`, `*test_cases.json`; templates
 * `*.hbs`, `*.handlebars`. A file named explicitly that matches none is a suite (`.json`, `.yaml`) or a template.
 */
export function lintTargetKind(file: string, explicit: boolean): LintTargetKind | undefined {
  const name = basename(file).toLowerCase();
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name)) return 'config';
  if (/(^|[._-])manifest\.ya?ml$/.test(name)) return 'manifest';
  if (/\.(prompt|suite)\.ya?ml$/.test(name) || /(\.cases|test_cases)\.json$/.test(name)) return 'suite';
  if (/\.(hbs|handlebars)$/.test(name)) return 'template';
  if (!explicit) return undefined;
  return /\.(json|ya?ml)$/.test(name) ? 'suite' : 'template';
}

async function walk(dir: string, out: LintTarget[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, out);
    } else if (entry.isFile()) {
      const kind = lintTargetKind(path, false);
      if (kind) out.push({ file: path, kind });
    }
  }
}

/** Expands paths (directories recurse, skipping dot-directories, `node_modules`, `dist`) into lint targets. */
export async function findLintTargets(paths: readonly string[], cwd: string): Promise<LintTarget[]> {
  const out: LintTarget[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info)
      throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', 'no such file or directory', { location: { file: path } });
    if (info.isDirectory()) await walk(absolute, out);
    else out.push({ file: absolute, kind: lintTargetKind(absolute, true) as LintTargetKind });
  }
  const seen = new Set<string>();
  return out.filter((target) => !seen.has(target.file) && seen.add(target.file));
}
