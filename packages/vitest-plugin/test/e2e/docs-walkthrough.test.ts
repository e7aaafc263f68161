import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPromptBytes } from '@agent-cicd/core';
import { afterAll, expect, it } from 'vitest';
import { runFixture } from './utils/run-fixture.js';

const doc = fileURLToPath(new URL('../../../../docs/vitest.md', import.meta.url));
let root: string | undefined;
afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

/** The files docs/vitest.md tells a new user to write: fenced blocks whose first line names the file. */
function filesOf(markdown: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [, body] of markdown.matchAll(/```(?:yaml|md)\n([\s\S]*?)```/g)) {
    const [first = '', ...rest] = (body ?? '').split('\n');
    const name = /^(?:# |<!-- )([\w./-]+\.(?:ya?ml|md))(?: -->| —.*)?$/.exec(first)?.[1];
    if (name && !name.startsWith('.github')) files[name] = rest.join('\n');
  }
  return files;
}

it('the walkthrough in docs/vitest.md works as written and prints what it shows', async () => {
  const markdown = await readFile(doc, 'utf8');
  const files = filesOf(markdown);
  expect(Object.keys(files).sort()).toEqual([
    'agent-cicd.config.yaml',
    'prompts/manifest.yaml',
    'prompts/support.prompt.yaml',
    'prompts/support.v1.md',
    'support.mock.yaml',
    'support.tools.yaml',
  ]);
  root = await mkdtemp(join(tmpdir(), 'agent-cicd-docs-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text);
  }
  // What `npx agent-cicd manifest hash` does in the walkthrough.
  const hash = hashPromptBytes(await readFile(join(root, 'prompts/support.v1.md')));
  const manifest = files['prompts/manifest.yaml']?.replace(
    'path: prompts/support.v1.md',
    `$&\n        hash: "${hash}"`,
  );
  await writeFile(join(root, 'prompts/manifest.yaml'), manifest ?? '');

  const run = await runFixture('docs', { root });
  expect(run.exitCode).toBe(0);
  const shown = /agent-cicd · tier dev[\s\S]*?\ngate passed/.exec(markdown)?.[0];
  const printed = /agent-cicd · tier dev[\s\S]*?\ngate passed/.exec(run.stdout)?.[0];
  expect(shown).toBeDefined();
  expect(printed).toBeDefined();
  const withoutMeasurements = (text: string | undefined) => text?.replace(/\n {3}tokens .*/, '');
  expect(withoutMeasurements(printed)).toBe(withoutMeasurements(shown));
}, 180_000);

it('the describePrompt example in docs/vitest.md passes as pasted into the walkthrough project', async () => {
  expect(root).toBeDefined();
  const markdown = await readFile(doc, 'utf8');
  const block = /```ts\n\/\/ prompts\/support\.prompt\.test\.ts\n([\s\S]*?)```/.exec(markdown)?.[1];
  expect(block).toContain('describePrompt(');
  await writeFile(join(root ?? '', 'prompts/support.prompt.test.ts'), block ?? '');
  const run = await runFixture('docs', { root: root ?? '' });
  expect(run.stderr).not.toMatch(/judge gave no valid verdict/);
  const cases = Object.values(run.reports).flatMap((report) => report.suites.flatMap((suite) => suite.cases));
  const refund = cases.find(
    (result) => result.caseId === 'refund' && result.passRate === 1 && result.trials?.length === 3,
  );
  expect(refund, run.stdout + run.stderr).toBeDefined();
  expect(run.exitCode).toBe(0);
}, 180_000);
