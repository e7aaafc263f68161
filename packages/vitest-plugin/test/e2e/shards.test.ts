import { execFile } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunReport, RunReportSchema } from '@agent-cicd/core';
import { afterAll, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const cliBin = join(repoRoot, 'packages/cli/src/bin.ts');

/** Spawns `agent-cicd` from source, as CI would run the installed bin. */
function agentCicd(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@agent-cicd/source', '--import', 'tsx', cliBin, ...args],
      { cwd: repoRoot },
      (error, stdout, stderr) => resolve({ exitCode: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A report without what differs from run to run (ids, clocks, measured latencies). */
function comparable(report: RunReport | undefined): unknown {
  return JSON.parse(
    JSON.stringify(report, (key, value) =>
      ['runId', 'createdAt', 'durationMs', 'latencyMs'].includes(key) ? undefined : value,
    ),
  );
}

it('merging the reports of --shard=1/2 and 2/2 gives the report of the unsharded run', async () => {
  const [whole, first, second] = await Promise.all([
    runFixture('shards'),
    runFixture('shards', { shard: '1/2' }),
    runFixture('shards', { shard: '2/2' }),
  ]);
  // Each shard ran only some of the suites, wrote its own file, and gated its own suites.
  expect(Object.keys(first.reports)).toEqual(['report.shard-1-of-2.json']);
  expect(Object.keys(second.reports)).toEqual(['report.shard-2-of-2.json']);
  const shardSuites = [first, second].map((run) => Object.values(run.reports)[0]?.suites.length ?? 0);
  expect(shardSuites.every((count) => count > 0)).toBe(true);
  expect(shardSuites.reduce((a, b) => a + b, 0)).toBe(4);
  expect([whole.exitCode, first.exitCode, second.exitCode]).toEqual([0, 0, 0]);

  const dir = await copyFixture('shards');
  await copyFile(join(first.root, '.agent-cicd/report.shard-1-of-2.json'), join(dir, 'report.shard-1-of-2.json'));
  await copyFile(join(second.root, '.agent-cicd/report.shard-2-of-2.json'), join(dir, 'report.shard-2-of-2.json'));
  const merge = await agentCicd([
    'report',
    'merge',
    join(dir, 'report.shard-1-of-2.json'),
    join(dir, 'report.shard-2-of-2.json'),
    '--out',
    join(dir, 'merged.json'),
  ]);
  expect(merge.stderr).toBe('');
  expect(merge.exitCode).toBe(0);
  const merged = RunReportSchema.parse(JSON.parse(await readFile(join(dir, 'merged.json'), 'utf8')));
  expect(comparable(merged)).toEqual(comparable(whole.reports['report.json']));
  expect(merged.suites.map((s) => s.name)).toEqual(['greetings', 'orders', 'seed', 'smalltalk']);
}, 120_000);
