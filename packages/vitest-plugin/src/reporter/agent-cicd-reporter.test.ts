import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule, Vitest } from 'vitest/node';
import { resolveAgentCicdOptions } from '../plugin/options.js';
import { recordCase } from '../runtime/case-journal.js';
import type { CaseMeta } from '../runtime/case-meta.js';
import { makeCase } from '../test-utils/make-report.js';
import { AgentCicdReporter } from './agent-cicd-reporter.js';

/** Every rename of the run: what the target held just before, and the file moved onto it. */
const renames = vi.hoisted(() => [] as Array<{ from: string; to: string; before: string | undefined; moved: string }>);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync = (from: string, to: string): void => {
    const before = fs.existsSync(to) ? fs.readFileSync(to, 'utf8') : undefined;
    renames.push({ from, to, before, moved: fs.readFileSync(from, 'utf8') });
    fs.renameSync(from, to);
  };
  return { ...fs, default: { ...fs, renameSync }, renameSync };
});

const dirs: string[] = [];
afterEach(async () => {
  renames.length = 0;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A Vitest module holding one prompt-case test per meta, as the reporter sees it at the end of a run. */
function fakeModule(
  moduleId: string,
  metas: CaseMeta[],
  results: Array<{ state: string; errors: Array<{ message: string }> }> = [],
): TestModule {
  const tests = metas.map((meta, i) => ({
    fullName: meta.caseId,
    meta: () => ({ agentCicd: meta }),
    result: () => results[i] ?? { state: 'passed', errors: [] },
  }));
  return {
    moduleId,
    errors: () => [],
    children: { allSuites: () => [], allTests: () => tests },
  } as unknown as TestModule;
}

describe('AgentCicdReporter', () => {
  it('replaces the report atomically: a complete temp file in the same directory, renamed over the old one', async () => {
    const root = await mkdtemp(join(tmpdir(), 'agent-cicd-reporter-'));
    dirs.push(root);
    const journal = join(root, 'journal');
    const suite = { name: 'orders', file: join(root, 'orders.prompt.yaml') };
    const metas: CaseMeta[] = [];
    for (const [index, caseId] of ['a', 'b', 'c'].entries()) {
      recordCase(journal, { suite, index, caseId, tier: 'dev', result: makeCase(caseId, ['passed']) });
      metas.push({ suite, caseId, index, tier: 'dev', recorded: true });
    }
    const report = join(root, '.agent-cicd/report.json');
    await mkdir(dirname(report), { recursive: true });
    await writeFile(report, 'the previous report\n');

    const reporter = new AgentCicdReporter(
      { ...resolveAgentCicdOptions(), summary: false, githubSummary: false },
      {},
      journal,
    );
    const logs: string[] = [];
    reporter.onInit({
      config: { root, reporters: [] },
      logger: { log: (line: string) => logs.push(line) },
    } as unknown as Vitest);
    reporter.onTestRunStart();
    await reporter.onTestRunEnd([fakeModule(suite.file, metas)], [], 'passed');

    const onto = renames.filter((rename) => rename.to === report);
    expect(onto).toHaveLength(1);
    const [rename] = onto;
    expect(dirname(rename?.from ?? '')).toBe(dirname(report));
    // Until the rename, readers saw the previous report; the file renamed over it was already complete.
    expect(rename?.before).toBe('the previous report\n');
    const written = await readFile(report, 'utf8');
    expect(rename?.moved).toBe(written);
    expect(JSON.parse(written).suites[0].cases.map((c: { caseId: string }) => c.caseId)).toEqual(['a', 'b', 'c']);
    expect(await readdir(dirname(report))).toEqual(['report.json']);
    // The journal is gone once the report is written.
    await expect(readdir(journal)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads the cases of tests that ran several (casesPerTest) from the journal, in suite order', async () => {
    const root = await mkdtemp(join(tmpdir(), 'agent-cicd-reporter-'));
    dirs.push(root);
    const journal = join(root, 'journal');
    const suite = { name: 'orders', file: join(root, 'orders.prompt.yaml') };
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    // Journaled out of order, as concurrent cases finish; `e` never finished (its test timed out).
    for (const index of [2, 0, 1, 5, 3]) {
      const caseId = ids[index] as string;
      const statuses = caseId === 'b' ? (['failed'] as const) : (['passed'] as const);
      recordCase(journal, { suite, index, caseId, tier: 'dev', result: makeCase(caseId, [...statuses]) });
    }
    const metas: CaseMeta[] = [
      { suite, caseId: 'a', index: 0, count: 3, tier: 'dev', recorded: true, status: 'failed' },
      // Failed before recording its cases: the meta still names them.
      { suite, caseId: 'd', index: 3, count: 3, caseIds: ['d', 'e', 'f'] },
    ];
    const reporter = new AgentCicdReporter(
      { ...resolveAgentCicdOptions(), summary: false, githubSummary: false },
      {},
      journal,
    );
    reporter.onInit({ config: { root, reporters: [] }, logger: { log: () => {} } } as unknown as Vitest);
    reporter.onTestRunStart();
    const failed = { state: 'failed', errors: [{ message: 'Test timed out in 600000ms.' }] };
    await reporter.onTestRunEnd([fakeModule(suite.file, metas, [failed, failed])], [], 'failed');

    const written = JSON.parse(await readFile(join(root, '.agent-cicd/report.json'), 'utf8'));
    const cases = written.suites[0].cases as Array<{
      caseId: string;
      status: string;
      violations: Array<{ message: string }>;
    }>;
    expect(cases.map((c) => [c.caseId, c.status])).toEqual([
      ['a', 'passed'],
      ['b', 'failed'],
      ['c', 'passed'],
      ['d', 'passed'],
      ['e', 'error'],
      ['f', 'passed'],
    ]);
    expect(cases[4]?.violations[0]?.message).toBe('Test timed out in 600000ms.');
    expect(written.suites[0].counts).toMatchObject({ cases: 6, passed: 4, failed: 1, errored: 1 });
  });
});
