import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCatalogues } from '../../../scripts/docs/errors-reference.js';
import { generate, generatedDocs } from '../../../scripts/docs/reference-docs.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** `AGENT_CICD_*` names that are environment variables or markers, not error codes. */
const notErrorCodes = new Set([
  'AGENT_CICD_TIER',
  'AGENT_CICD_CASSETTE',
  'AGENT_CICD_APPROVE',
  'AGENT_CICD_PIPELINE_RUN',
  'AGENT_CICD_WRITE_SCHEMAS',
  'AGENT_CICD_FAULT_FIGURES',
  'AGENT_CICD_CASE_ID',
  'AGENT_CICD_TRIAL',
  'AGENT_CICD_MODEL',
  'AGENT_CICD_LABEL_HEADERS',
  'AGENT_CICD_EOF',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-utils' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

const sources = ['core', 'deploy-gates', 'vitest-plugin', 'cli'].flatMap((pkg) =>
  sourceFiles(join(repoRoot, 'packages', pkg, 'src')).map((file) => ({
    file: relative(repoRoot, file),
    text: readFileSync(file, 'utf8'),
  })),
);
const catalogued = new Map<string, string>();
for (const { pkg, catalogue } of errorCatalogues) for (const code of Object.keys(catalogue)) catalogued.set(code, pkg);

describe('the error catalogues', () => {
  it('docs/errors.md is generated from them (run npm run docs:errors after changing a catalogue)', () => {
    const doc = generatedDocs.find((candidate) => candidate.path === 'docs/errors.md');
    expect(doc).toBeDefined();
    expect(readFileSync(join(repoRoot, 'docs/errors.md'), 'utf8')).toBe(
      generate(doc as (typeof generatedDocs)[number]),
    );
  });

  it("hold every code raised in the packages' source (add a new code to its package's errors.ts)", () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const match of text.matchAll(/['"`](AGENT_CICD_[A-Z0-9_]+)['"`]/g)) {
        const code = match[1] as string;
        if (!catalogued.has(code) && !notErrorCodes.has(code)) missing.push(`${file}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('list each code once, in one package, with a one-line meaning', () => {
    const seen = new Map<string, number>();
    for (const { catalogue } of errorCatalogues) {
      for (const [code, meaning] of Object.entries(catalogue)) {
        seen.set(code, (seen.get(code) ?? 0) + 1);
        expect(meaning, code).toMatch(/^[^\n]{10,240}$/);
        expect(code).toMatch(/^AGENT_CICD_[A-Z0-9_]+$/);
      }
    }
    expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
  });

  it('list no code that nothing raises', () => {
    const everything = sources.map((source) => source.text).join('\n');
    const unused = [...catalogued.keys()].filter(
      (code) => !code.startsWith('AGENT_CICD_LLM_') && everything.split(code).length - 1 < 2,
    );
    expect(unused).toEqual([]);
  });
});
