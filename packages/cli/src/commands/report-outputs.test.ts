import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeReportFixture } from '../../../core/src/test-utils/make-report-fixture.js';
import { runCli } from '../test-utils/run-cli.js';

describe('agent-cicd report show | junit | comment', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-cicd-report-'));
    const baseline = makeReportFixture({ suites: 2, casesPerSuite: 15, trials: 2, failRate: 0, errorRate: 0 });
    const candidate = makeReportFixture({ suites: 2, casesPerSuite: 15, trials: 2, failRate: 0.15, errorRate: 0.03 });
    await writeFile(join(dir, 'baseline.json'), JSON.stringify(baseline));
    await writeFile(join(dir, 'candidate.json'), JSON.stringify(candidate));
    await writeFile(join(dir, 'broken.json'), '{"schemaVersion": 1,\n "runId": 3}');
  });

  it('show: failing cases first, flips marked, every line within 100 columns', async () => {
    const { exitCode, stdout } = await runCli(['report', 'show', 'candidate.json', '--baseline', 'baseline.json'], {
      cwd: dir,
    });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^Run fixture-1 \(complete\), tier dev/);
    expect(stdout).toMatch(/Failures \(\d+\)\n {2}(ERROR|FAIL) suite-\d \/ case-\d-\d+ \(was passed\)/);
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it('junit: writes the XML atomically where asked', async () => {
    const { exitCode, stdout } = await runCli(['report', 'junit', 'candidate.json', '-o', 'out/junit.xml'], {
      cwd: dir,
    });
    expect(exitCode).toBe(0);
    expect(stdout).toBe('JUnit XML → out/junit.xml\n');
    const xml = await readFile(join(dir, 'out/junit.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="agent-cicd fixture-1" tests="30"/);
  });

  it("comment: the marker, the gate's decision collapsed, the flipped cases", async () => {
    const { exitCode, stdout } = await runCli(['report', 'comment', 'candidate.json', '--baseline', 'baseline.json'], {
      cwd: dir,
    });
    expect(exitCode).toBe(0);
    expect(stdout.startsWith('<!-- agent-cicd-report -->\n### agent-cicd: ')).toBe(true);
    expect(stdout).toMatch(/gate \*\*(PROMOTE|HOLD|ROLLBACK)\*\*/);
    expect(stdout).toContain('<details><summary>Gate evidence</summary>');
    expect(stdout).toMatch(/Flipped since the baseline: [1-9]\d* regressed, 0 fixed/);
  });

  it('an invalid report: one error line with file, line and column, exit 2, nothing written', async () => {
    const { exitCode, stdout, stderr } = await runCli(['report', 'html', 'broken.json', '-o', 'never.html'], {
      cwd: dir,
    });
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[AGENT_CICD_REPORT_INVALID\] \S*broken\.json:2:\d+ \S+: .+\n$/);
    await expect(readFile(join(dir, 'never.html'))).rejects.toThrow();
  });
});
