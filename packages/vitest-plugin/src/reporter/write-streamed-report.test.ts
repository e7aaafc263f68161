import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CaseResult, writeRunReport } from '@agent-cicd/core';
import { buildRunReport, summarizeSuite } from '@agent-cicd/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalLine } from '../runtime/case-journal.js';
import type { SuiteInfo } from '../runtime/case-meta.js';
import { makeCase } from '../test-utils/make-report.js';
import { type CollectedRun, erroredCase } from './collect-cases.js';
import { streamJournaledCases } from './write-streamed-report.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const withoutRunIdentity = (report: unknown): unknown =>
  JSON.parse(JSON.stringify(report, (key, value) => (['runId', 'durationMs'].includes(key) ? undefined : value)));

describe('streamJournaledCases', () => {
  it('writes, through writeRunReport, the report the cases would give in memory, in definition order', async () => {
    const root = await mkdtemp(join(tmpdir(), 'agent-cicd-stream-'));
    dirs.push(root);
    const journal = join(root, 'journal');
    await mkdir(journal);
    const orders = { name: 'orders', file: join(root, 'prompts/orders.prompt.yaml'), threshold: 0.5 };
    const greet = { name: 'greet', file: join(root, 'prompts/greet.prompt.yaml') };
    const cases: Record<string, CaseResult> = {
      o0: makeCase('o0', ['passed', 'failed']),
      o1: makeCase('o1', ['error']),
      o2: makeCase('o2', ['passed']),
      g0: makeCase('g0', ['passed']),
    };
    const line = (suite: SuiteInfo, index: number, result: CaseResult): string =>
      `${JSON.stringify({ suite, index, caseId: result.caseId, tier: 'dev', result } satisfies JournalLine)}\n`;
    // Two workers' files, cases in finishing order; o2 was retried: its last line counts.
    await writeFile(
      join(journal, '1-a.jsonl'),
      line(orders, 2, makeCase('o2', ['failed'])) + line(greet, 0, cases.g0 as CaseResult),
    );
    await writeFile(
      join(journal, '2-b.jsonl'),
      line(orders, 1, cases.o1 as CaseResult) +
        line(orders, 0, cases.o0 as CaseResult) +
        line(orders, 2, cases.o2 as CaseResult),
    );
    const atHand = makeCase('o3', ['passed']);
    const collected: CollectedRun = {
      suites: [
        { info: { ...greet, file: 'prompts/greet.prompt.yaml' }, cases: [{ caseId: 'g0', index: 0, recorded: true }] },
        {
          info: { ...orders, file: 'prompts/orders.prompt.yaml' },
          cases: [
            { caseId: 'o0', index: 0, recorded: true },
            { caseId: 'o1', index: 1, recorded: true },
            { caseId: 'o2', index: 2, recorded: true },
            { caseId: 'o3', result: atHand },
            { caseId: 'o4', index: 4, recorded: true },
          ],
        },
      ],
      otherFailures: [],
      tier: 'dev',
    };
    const startedAt = new Date('2026-01-01T00:00:00Z');
    const { summary, resultsFile } = await streamJournaledCases({
      collected,
      journalDir: journal,
      root,
      status: 'complete',
      startedAt,
    });
    const file = join(root, 'out/report.json');
    await writeRunReport({ report: summary, resultsFile, file });

    const missing = erroredCase('o4', "the case's result is missing from the run's journal");
    const expected = buildRunReport({
      suites: [
        summarizeSuite([cases.g0 as CaseResult], { name: 'greet', file: 'prompts/greet.prompt.yaml' }),
        summarizeSuite([cases.o0, cases.o1, cases.o2, atHand, missing] as CaseResult[], {
          name: 'orders',
          file: 'prompts/orders.prompt.yaml',
          threshold: 0.5,
        }),
      ],
      status: 'complete',
      startedAt,
      tier: 'dev',
    });
    const written = await readFile(file, 'utf8');
    expect(withoutRunIdentity(JSON.parse(written))).toEqual(withoutRunIdentity(expected));
    // In memory: the counts, and only the cases that did not pass.
    expect(summary.totals.counts).toEqual(expected.totals.counts);
    expect(summary.suites.map((suite) => suite.cases.map((c) => c.caseId))).toEqual([[], ['o0', 'o1', 'o4']]);
  });

  it('summarises a suite of more trials than a function call takes arguments (200,000) without overflowing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'agent-cicd-stream-'));
    dirs.push(root);
    await mkdir(join(root, 'journal'));
    const many = makeCase('big', new Array<'passed'>(200_000).fill('passed'));
    const { summary, resultsFile } = await streamJournaledCases({
      collected: {
        suites: [{ info: { name: 'big', file: 'prompts/big.prompt.yaml' }, cases: [{ caseId: 'big', result: many }] }],
        otherFailures: [],
      },
      journalDir: join(root, 'journal'),
      root,
      status: 'complete',
      startedAt: new Date('2026-01-01T00:00:00Z'),
    });
    await rm(resultsFile);
    expect(summary.totals.counts).toMatchObject({ cases: 1, passed: 1, trials: 200_000 });
    expect(summary.totals.latencyMs.p99).toBeGreaterThan(0);
  });
});
