import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../test-utils/run-cli.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const converted = join(root, 'fixtures/promptfoo/converted');

interface Assertion {
  type: string;
}

/** The "Every assertion type" table of the migration page: promptfoo type → what we say about it. */
async function migrationTable(): Promise<Map<string, string>> {
  const page = await readFile(join(root, 'docs/migrating-from-promptfoo.md'), 'utf8');
  const section = page.slice(page.indexOf('## Every assertion type'));
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([^`]+)` +\| (.+?) *\|$/gm)) rows.set(match[1] ?? '', match[2] ?? '');
  return rows;
}

/** Each converted check line ends with `# <promptfoo type>`: the line's text and the type it converts. */
async function annotatedLines(): Promise<Array<{ line: string; promptfoo: string }>> {
  const suite = await readFile(join(converted, 'support.suite.yaml'), 'utf8');
  return [...suite.matchAll(/^(.*\S) # ([a-z-]+)\b.*$/gm)].map((m) => ({ line: m[1] ?? '', promptfoo: m[2] ?? '' }));
}

describe('Migrating from promptfoo (docs/migrating-from-promptfoo.md)', () => {
  it('lists promptfoo assertion types, each with ours or a reason it is not supported', async () => {
    const table = await migrationTable();
    expect(table.size).toBeGreaterThanOrEqual(60);
    for (const [type, ours] of table) {
      expect(ours, type).toMatch(/`\w+`|^not supported[^:]*: |^built in/);
      if (ours.startsWith('not supported')) expect(ours, type).toMatch(/[:;,] \S/);
    }
  });

  it('converts the example config: every assertion has a documented counterpart in the converted suite', async () => {
    const config = parse(await readFile(join(root, 'fixtures/promptfoo/promptfooconfig.yaml'), 'utf8')) as {
      defaultTest: { assert: Assertion[] };
      tests: Array<{ assert: Assertion[] }>;
    };
    const used = [...config.defaultTest.assert, ...config.tests.flatMap((t) => t.assert)].map((a) => a.type);
    const lines = await annotatedLines();
    expect(lines.map((l) => l.promptfoo).sort()).toEqual([...used].sort());
    const table = await migrationTable();
    for (const { line, promptfoo } of lines) {
      const negated = promptfoo.startsWith('not-');
      const row = table.get(negated ? promptfoo.slice(4) : promptfoo);
      expect(row, promptfoo).toBeDefined();
      expect(row, promptfoo).not.toMatch(/^not supported/);
      // The check type (or case field) on the line is one the page names for this assertion.
      const ours = line.match(/type: (\w+)/)?.[1] ?? line.match(/^\s*(\w+):/)?.[1] ?? '';
      const named = [...(row ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
      expect(named, `${promptfoo} → ${ours}`).toContain(ours);
      if (negated) expect(line, promptfoo).toContain('not: true');
    }
  });

  it('the converted suite runs green on the mock tier', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'promptfoo-'));
    try {
      const result = await runCli([
        'run',
        converted,
        '--config',
        join(converted, 'agent-cicd.config.yaml'),
        '--tier',
        'dev',
        '--seed',
        '1',
        '--report',
        join(dir, 'report.json'),
      ]);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
        suites: Array<{ cases: Array<{ status: string }> }>;
      };
      expect(report.suites.flatMap((s) => s.cases.map((c) => c.status))).toEqual(['passed', 'passed', 'passed']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
