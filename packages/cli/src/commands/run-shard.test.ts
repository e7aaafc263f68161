import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportStatistics, type StatisticsReport } from '../test-utils/report-statistics.js';
import { runCli } from '../test-utils/run-cli.js';

const example = fileURLToPath(new URL('../../../../examples/support-agent/', import.meta.url));

type Report = StatisticsReport & { subject: Record<string, string> };

describe('run --shard i/n and report merge', () => {
  let dir: string;
  const read = async (name: string): Promise<Report> => JSON.parse(await readFile(join(dir, name), 'utf8')) as Report;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-cicd-shard-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('three shards merged give the statistics of the unsharded run', async () => {
    const args = (report: string, extra: string[] = []) => [
      'run',
      'tests',
      '--seed',
      '1',
      '--report',
      join(dir, report),
      ...extra,
    ];
    const full = await runCli(args('full.json'), { cwd: example });
    expect(full.exitCode, full.stderr).toBe(0);
    const shards = await Promise.all(
      [1, 2, 3].map((i) => runCli(args(`shard-${i}.json`, ['--shard', `${i}/3`]), { cwd: example })),
    );
    for (const shard of shards) expect([0, 1], shard.stderr).toContain(shard.exitCode);
    const parts = await Promise.all([1, 2, 3].map((i) => read(`shard-${i}.json`)));
    expect(parts.map((p) => p.subject.shard)).toEqual(['1/3', '2/3', '3/3']);
    // No case ran twice, and the work was split (a shard may be empty for so few cases).
    const ids = parts.flatMap((p) => p.suites.flatMap((s) => s.cases.map((c) => `${s.name}/${c.caseId}`)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(parts.filter((p) => p.suites.length > 0).length).toBeGreaterThanOrEqual(2);

    const merge = await runCli(
      ['report', 'merge', ...[1, 2, 3].map((i) => join(dir, `shard-${i}.json`)), '--out', join(dir, 'merged.json')],
      { cwd: example },
    );
    expect(merge.exitCode, merge.stderr).toBe(0);
    const merged = await read('merged.json');
    expect(merged.subject.shard).toBeUndefined();
    expect(reportStatistics(merged)).toEqual(reportStatistics(await read('full.json')));
  });

  it('refuses a malformed --shard before running anything', async () => {
    const run = await runCli(['run', 'tests', '--shard', '4/3', '--report', join(dir, 'x.json')], { cwd: example });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^error\[AGENT_CICD_USAGE\] .*--shard must be i\/n with 1 ≤ i ≤ n/m);
  });
});
