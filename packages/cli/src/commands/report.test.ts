import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CaseResult, RunReportSchema } from '@agent-cicd/core';
import { buildCaseResult, buildRunReport, summarizeSuite } from '@agent-cicd/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { runCli } from '../test-utils/run-cli.js';

/** Calls the CLI in-process (fast); the first test spawns it for the real contract. */
async function runMain(argv: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    cwd: dir,
    env: {},
  };
  const exitCode = await main(argv, io);
  return { exitCode, stdout, stderr };
}

const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-report-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

function makeCase(caseId: string, passed: boolean): CaseResult {
  return buildCaseResult({
    caseId,
    trials: [
      {
        trial: 0,
        status: passed ? 'passed' : 'failed',
        toolsCalled: [],
        response: passed ? 'ok' : 'no',
        tokens: { input: 10, output: 5 },
        latencyMs: 20,
        violations: passed ? [] : [{ check: 'keyword', message: 'missing "ok"', severity: 'failure' }],
      },
    ],
  });
}

const suites = {
  a: summarizeSuite([makeCase('a1', true), makeCase('a2', false)], {
    name: 'a',
    file: 'a.prompt.yaml',
    threshold: 0.5,
  }),
  b: summarizeSuite([makeCase('b1', true)], { name: 'b', file: 'b.prompt.yaml' }),
};
const report = (list: Array<typeof suites.a>) =>
  buildRunReport({ suites: list, status: 'complete', startedAt: new Date('2026-01-01T00:00:00Z'), durationMs: 5 });

describe('agent-cicd report merge', () => {
  it('merges shard reports into the report of the unsharded run, in file order', { timeout: 30_000 }, async () => {
    // Shard 1 ran suite b, shard 2 suite a: the merged report still lists a first, as an unsharded run does.
    await writeFile(join(dir, 'report.shard-1-of-2.json'), JSON.stringify(report([suites.b])));
    await writeFile(join(dir, 'report.shard-2-of-2.json'), JSON.stringify(report([suites.a])));
    const run = await runCli([
      'report',
      'merge',
      join(dir, 'report.shard-1-of-2.json'),
      join(dir, 'report.shard-2-of-2.json'),
      '--out',
      join(dir, 'merged.json'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      `merged 2 reports: 2 suites, 3 cases, 3 trials, pass rate 66.7% → ${join(dir, 'merged.json')}\n`,
    );
    const merged = RunReportSchema.parse(JSON.parse(await readFile(join(dir, 'merged.json'), 'utf8')));
    const unsharded = report([suites.a, suites.b]);
    expect(merged.suites).toEqual(unsharded.suites);
    expect(merged.totals.counts).toEqual(unsharded.totals.counts);
    expect(merged.totals.passRate).toBe(unsharded.totals.passRate);
  });

  it('with --gate, exits 1 when a merged suite fails its gate', async () => {
    const failing = summarizeSuite([makeCase('c1', false)], { name: 'c', file: 'c.prompt.yaml' });
    await writeFile(join(dir, 'failing.json'), JSON.stringify(report([failing])));
    const run = await runMain(['report', 'merge', join(dir, 'failing.json'), '--out', join(dir, 'out.json'), '--gate']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('gate FAILED: suite c: 1 of 1 cases did not pass');
  });

  it('names the file of an invalid report in one line and exits 2', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 3 }));
    const run = await runMain(['report', 'merge', join(dir, 'bad.json'), '--out', join(dir, 'never.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^error\[AGENT_CICD_REPORT_INVALID\] .*bad\.json:1:\d+ schemaVersion: not a valid run report: .+\n$/,
    );
  });
});
