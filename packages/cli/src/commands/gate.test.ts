import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

const dir = fileURLToPath(new URL('../../../../fixtures/reports/', import.meta.url));
const gate = (candidate: string, ...extra: string[]) =>
  runCli(['gate', '--baseline', 'baseline.json', '--candidate', candidate, ...extra], { cwd: dir });

// Each spawn starts Node + tsx (about a second), so these tests get a longer timeout.
describe('agent-cicd gate', { timeout: 60_000 }, () => {
  it('exits 0 and prints an evidence table when the candidate may be promoted', async () => {
    const run = await gate('candidate-promote.json', '--policy', 'gates.yaml');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Gate decision: PROMOTE \(paired comparison\)/);
    expect(run.stdout).toMatch(/Verdict\s+Check\s+Suite\s+Baseline\s+Candidate/);
    expect(run.stdout).toMatch(/PASS\s+passRate\.nonInferiority/);
    expect(run.stderr).toBe('');
  });

  it('exits 0 with "advance" at an intermediate canary step (JSON output)', async () => {
    const run = await gate('candidate-promote.json', '--step', '25', '--json');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ action: 'advance', step: 25, nextStep: 50 });
  });

  it('exits 1 on a rollback', async () => {
    const run = await gate('candidate-rollback.json', '--markdown');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^### Gate decision: \*\*ROLLBACK/);
    expect(run.stdout).toMatch(/\| FAIL \| passRate\.regression \|/);
  });

  it('exits 1 when the live canary metrics show a regression', async () => {
    const run = await gate('candidate-promote.json', '--canary-metrics', 'canary-bad.json', '--step', '25');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+canary\.regression/);
  });

  it('exits 3 on hold: inconclusive evidence, and too few samples', async () => {
    const [unsure, small] = await Promise.all([gate('candidate-hold.json'), gate('candidate-small.json')]);
    expect(unsure.exitCode).toBe(3);
    expect(unsure.stdout).toMatch(/Non-inferiority is not shown/);
    expect(small.exitCode).toBe(3);
    expect(small.stdout).toMatch(/Too few samples/);
  });

  it('exits 2 with one line naming the file and field path for a bad report or policy', async () => {
    const [report, policy, missing, step] = await Promise.all([
      gate('invalid-report.json'),
      gate('candidate-promote.json', '--policy', 'gates-invalid.yaml'),
      gate('no-such-file.json'),
      gate('candidate-promote.json', '--step', '30'),
    ]);
    expect(report.exitCode).toBe(2);
    expect(report.stderr).toMatch(
      /^error\[AGENT_CICD_REPORT_INVALID\] \S*invalid-report\.json:\d+:\d+ suites\[0\]\.cases\[3\]\.trials\[0\]\.status: not a valid run report: /,
    );
    expect(report.stderr.trim().split('\n')).toHaveLength(1);
    expect(policy.exitCode).toBe(2);
    expect(policy.stderr).toMatch(
      /^error\[AGENT_CICD_POLICY_INVALID\] \S*gates-invalid\.yaml:3:15 latency\.p99MaxMs: /,
    );
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^error\[AGENT_CICD_FILE_NOT_FOUND\] \S*no-such-file\.json: file not found/);
    expect(step.exitCode).toBe(2);
    expect(step.stderr).toMatch(/step 30 is not one of the policy's canary steps/);
  });

  it('describes every option in --help', async () => {
    const run = await runCli(['gate', '--help']);
    expect(run.exitCode).toBe(0);
    for (const option of [
      '--baseline',
      '--candidate',
      '--policy',
      '--step',
      '--canary-metrics',
      '--json',
      '--markdown',
    ]) {
      expect(run.stdout).toContain(option);
    }
  });
});
