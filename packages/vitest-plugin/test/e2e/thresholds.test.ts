import { afterAll, describe, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture, vitestVersion } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

/** The reporter's block: from its header to the gate line. */
function summaryOf(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('agent-cicd · '));
  const end = lines.findIndex((line, index) => index > start && line.startsWith('gate '));
  return lines.slice(start, end + 1).filter((line) => !line.trim().startsWith('tokens '));
}

describe.concurrent('thresholds decide the exit code', { timeout: 180_000 }, () => {
  it('all cases pass: exit 0, report written, summary and step summary say so', async () => {
    const run = await runFixture('all-pass');
    expect(run.stdout).toContain(`RUN  v${vitestVersion} `);
    expect(run.exitCode).toBe(0);
    const report = run.reports['report.json'];
    expect(report?.tier).toBe('dev');
    expect(report?.suites.map((s) => [s.name, s.file, s.passed, s.counts])).toEqual([
      ['support', 'support.prompt.yaml', true, { cases: 2, passed: 2, failed: 0, errored: 0, trials: 2 }],
    ]);
    expect(report?.suites[0]?.cases.map((c) => [c.caseId, c.status, c.toolsCalled])).toEqual([
      ['refund', 'passed', ['lookup_order']],
      ['greeting', 'passed', []],
    ]);
    expect(summaryOf(run.stdout)).toEqual([
      'agent-cicd · tier dev · 1 suite(s) · report .agent-cicd/report.json',
      ' ✓ support  support.prompt.yaml',
      '   cases 2/2 passed · pass rate 100.0% over 2 trials [95% CI 34.2%–100.0%] · no threshold',
      'gate passed',
    ]);
    expect(run.stepSummary).toContain('## agent-cicd: ✅ gate passed');
  });

  it('below the threshold: exit 1, the failed case in Vitest output points at its line in the YAML', async () => {
    const run = await runFixture('below-threshold');
    expect(run.exitCode).toBe(1);
    const suite = run.reports['report.json']?.suites[0];
    expect([suite?.passed, suite?.threshold, suite?.passRate]).toEqual([false, 0.9, 2 / 3]);
    expect(summaryOf(run.stdout)).toEqual([
      'agent-cicd · tier dev · 1 suite(s) · report .agent-cicd/report.json',
      ' ✗ support  support.prompt.yaml',
      '   cases 2/3 passed · pass rate 66.7% over 3 trials [95% CI 20.8%–93.9%] · threshold 90.0%',
      '   ✗ weather: Weather question — the response does not contain keyword "forecast"',
      'gate FAILED: suite support: pass rate 66.7% is below its threshold 90.0%',
    ]);
    expect(run.stderr).toContain('FAIL  support.prompt.yaml > support > weather: Weather question');
    expect(run.stderr).toContain(
      [
        'PromptCaseFailure: case weather failed',
        '  - the response does not contain keyword "forecast"',
        '  tools called: (none)',
        '  response: "I only help with orders."',
        ' ❯ support.prompt.yaml:11:1',
      ].join('\n'),
    );
    expect(run.stepSummary).toContain('## agent-cicd: ❌ gate failed');
  });

  it('above the threshold with a failed case: exit 0, the case still listed as failed everywhere', async () => {
    const run = await runFixture('above-threshold');
    expect(run.exitCode).toBe(0);
    const suite = run.reports['report.json']?.suites[0];
    expect([suite?.passed, suite?.counts.failed]).toEqual([true, 1]);
    expect(suite?.cases.find((c) => c.caseId === 'weather')?.status).toBe('failed');
    expect(summaryOf(run.stdout)).toEqual([
      'agent-cicd · tier dev · 1 suite(s) · report .agent-cicd/report.json',
      ' ✓ support  support.prompt.yaml',
      '   cases 2/3 passed · pass rate 66.7% over 3 trials [95% CI 20.8%–93.9%] · threshold 60.0%',
      '   ✗ weather: Weather question — the response does not contain keyword "forecast"',
      'gate passed',
    ]);
    expect(run.stdout).toMatch(/Tests {2}1 failed \| 2 passed/);
    expect(run.stepSummary).toContain('**support › weather** (failed)');
  });

  it('an errored case fails the run even above the threshold', async () => {
    const run = await runFixture('errored-case');
    expect(run.exitCode).toBe(1);
    const outage = run.reports['report.json']?.suites[0]?.cases.find((c) => c.caseId === 'outage');
    expect(outage?.status).toBe('error');
    expect(outage?.violations[0]).toMatchObject({ check: 'llm_error', severity: 'error' });
    const summary = summaryOf(run.stdout);
    expect(summary.at(-1)).toBe('gate FAILED: suite support: 1 case(s) errored (outage)');
    expect(summary).toContainEqual(expect.stringMatching(/^ {3}! outage — the model call failed: .*upstream exploded/));
    expect(run.stderr).toContain('PromptCaseError: case outage error');
  });

  it('with failOnError off, an errored case above the threshold is tolerated', async () => {
    const run = await runFixture('errored-case', { plugin: { failOnError: false } });
    expect(run.exitCode).toBe(0);
    expect(summaryOf(run.stdout).at(-1)).toBe('gate passed');
  });
});
