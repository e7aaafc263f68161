import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ScanFinding } from './scan-finding.js';
import { credentialAssignment, looksRandom, secretFormats, shape } from './secret-rules.js';

/** Directories never scanned: dependencies, build output, VCS, run outputs. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.agent-cicd', 'coverage']);
const TEXT_FILE = /\.(ya?ml|json|jsonl|hbs|handlebars|md|txt|prompt|env|toml|ini|cfg|ts|mts|js|mjs|cjs|py)$|^\.env/i;
const MAX_BYTES = 2 * 1024 * 1024;

export interface SecretAllow {
  /** File (relative to the project, exact or a prefix ending in `/`) where the rule is allowed. */
  file?: string | undefined;
  /** Rule id (e.g. `secret.entropy`); absent: any rule. */
  rule?: string | undefined;
}

/** The files the secret scan reads: prompts, configs, suites, cassettes, mocks, sources (no dependencies). */
export async function scannableFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(join(dir, entry.name));
      } else if (entry.isFile() && TEXT_FILE.test(entry.name)) {
        found.push(join(dir, entry.name));
      }
    }
  };
  await walk(root);
  return found.sort();
}

const allowed = (allow: readonly SecretAllow[], file: string, rule: string): boolean =>
  allow.some(
    (entry) =>
      (entry.rule === undefined || entry.rule === rule) &&
      (entry.file === undefined || entry.file === file || (entry.file.endsWith('/') && file.startsWith(entry.file))),
  );

/**
 * Secrets in the project's files: known key formats (`high`) and credential-named values that look random
 * (`secret.entropy`, `high`). A line with `agent-cicd: allow-secret` and the `allow` list are exempt; values of
 * `secrets` (environment variables the config names) are found wherever they appear.
 */
export async function scanSecrets(options: {
  root: string;
  allow?: readonly SecretAllow[];
  /** Exact values that must never appear in a file (the configured secrets' current values). */
  knownValues?: readonly string[];
}): Promise<ScanFinding[]> {
  const findings: ScanFinding[] = [];
  const allow = options.allow ?? [];
  const known = (options.knownValues ?? []).filter((value) => value.length >= 8);
  for (const file of await scannableFiles(options.root)) {
    if ((await stat(file)).size > MAX_BYTES) continue;
    const shown = relative(options.root, file);
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    for (const [index, line] of lines.entries()) {
      if (line.includes('agent-cicd: allow-secret')) continue;
      const add = (rule: string, message: string): void => {
        if (allowed(allow, shown, rule)) return;
        if (findings.some((f) => f.file === shown && f.line === index + 1 && f.rule === rule)) return;
        findings.push({ rule, severity: 'high', file: shown, line: index + 1, message });
      };
      let formatHit = false;
      for (const format of secretFormats) {
        for (const match of line.matchAll(format.pattern)) {
          formatHit = true;
          add(format.rule, `${format.what}: ${shape(match[0])}`);
        }
      }
      for (const value of known) {
        if (line.includes(value)) add('secret.configured-value', `the value of a configured secret: ${shape(value)}`);
      }
      if (formatHit) continue;
      for (const match of line.matchAll(credentialAssignment)) {
        const value = match[2] ?? '';
        if (looksRandom(value)) add('secret.entropy', `"${match[1]}" holds a random-looking value: ${shape(value)}`);
      }
    }
  }
  return findings;
}
