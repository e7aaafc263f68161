import { afterAll, describe, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

describe.concurrent("judge: false (the plugin's --no-judge)", { timeout: 180_000 }, () => {
  it('a judge-only case is a Vitest-skipped test and `skipped` in the report, never passed', async () => {
    const run = await runFixture('no-judge', { plugin: { judge: false } });
    expect(run.exitCode).toBe(0);
    const report = run.reports['report.json'];
    expect(report?.options).toEqual({ skipJudge: true });
    const suite = report?.suites[0];
    expect(suite?.counts).toEqual({
      cases: 2,
      passed: 1,
      failed: 0,
      errored: 0,
      skipped: 1,
      trials: 2,
      skippedTrials: 1,
    });
    expect(suite?.cases.map((c) => [c.caseId, c.status, c.skipReason])).toEqual([
      ['greeting', 'passed', undefined],
      ['tone', 'skipped', 'judge skipped (--no-judge): the case has only model-graded checks'],
    ]);
    expect(run.stdout).toMatch(/Tests {2}1 passed \| 1 skipped/);
    expect(run.stdout).toContain('   cases 1/2 passed, 1 skipped · pass rate 100.0% over 2 trials');
    expect(run.stdout).toContain(
      '   - tone — skipped: judge skipped (--no-judge): the case has only model-graded checks',
    );
    expect(run.stdout).toContain('judge skipped (judge: false): 1 case(s) skipped, not evaluated');
  });

  it('with the judge (the default) the same case is graded and passes', async () => {
    const run = await runFixture('no-judge');
    expect(run.exitCode).toBe(0);
    const report = run.reports['report.json'];
    expect(report?.options).toBeUndefined();
    expect(report?.suites[0]?.cases.map((c) => c.status)).toEqual(['passed', 'passed']);
  });

  it('toPassJudge under judge: false fails and says the judge is skipped, never passes', async () => {
    const run = await runFixture('typescript-api', { plugin: { judge: false } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'toPassJudge: the judge is skipped (agentCicd({ judge: false })): this assertion cannot be checked',
    );
  });
});
