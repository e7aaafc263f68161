import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approveRun } from '../approvals.js';
import type { PipelineClock } from '../pipeline-stage.js';
import { runPipeline } from '../run-pipeline.js';
import { approvalGateStage } from './approval-gate.js';

function fakeClock(onSleep: (now: number) => Promise<void> | void = () => {}): PipelineClock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await onSleep(now);
    },
  };
}

const gate = (
  options: Parameters<typeof runPipeline>[0]['stageOptions'] = {},
  extra: Partial<Parameters<typeof runPipeline>[0]> = {},
) =>
  runPipeline({
    stages: [approvalGateStage],
    cwd: extra.cwd ?? mkdtempSync(join(tmpdir(), 'agent-cicd-approval-')),
    env: {},
    runId: 'run-1',
    stageOptions: { approval_gate: { timeoutSeconds: 60, pollSeconds: 5, ...options } },
    clock: fakeClock(),
    ...extra,
  }).then((record) => record.stages[0]);

describe('approval_gate', () => {
  it('fails when no approval comes within the timeout', async () => {
    const result = await gate();
    expect(result).toMatchObject({ status: 'failed', durationSeconds: 60 });
    expect(result?.summary).toBe('no approval within 60 s (agent-cicd approve run-1, $AGENT_CICD_APPROVE, --approve)');
  });

  it('accepts `agent-cicd approve <run>` while it waits', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'agent-cicd-approval-'));
    const clock = fakeClock(async (now) => {
      if (now === 10_000) await approveRun({ cwd, runId: 'run-1', approvedBy: 'alice' });
    });
    const result = await gate({}, { cwd, clock });
    expect(result).toMatchObject({ status: 'passed', durationSeconds: 10, details: { approvedBy: 'alice' } });
    await approveRun({ cwd, runId: 'other-run', approvedBy: 'bob' });
    await expect(approveRun({ cwd, runId: '../escape', approvedBy: 'eve' })).rejects.toThrow(
      'not one a pipeline prints',
    );
  });

  it('fails at once on a malformed approval file, naming its line and column (never taken as an approval)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'agent-cicd-approval-'));
    mkdirSync(join(cwd, '.agent-cicd/approvals'), { recursive: true });
    writeFileSync(join(cwd, '.agent-cicd/approvals/run-1.json'), '{"runId": "run-1", "approvedBy": true, "at": "x"}');
    const result = await gate({}, { cwd });
    expect(result).toMatchObject({ status: 'failed', durationSeconds: 0 });
    expect(result?.summary).toBe(
      'error[AGENT_CICD_PIPELINE_APPROVAL_INVALID] .agent-cicd/approvals/run-1.json:1:34 approvedBy: expected string, got boolean',
    );
  });

  it('accepts the environment variable (yes or this run id), --approve and a protected CI environment; not another run id', async () => {
    expect((await gate({}, { env: { AGENT_CICD_APPROVE: '1' } }))?.status).toBe('passed');
    expect((await gate({}, { env: { AGENT_CICD_APPROVE: 'run-1' } }))?.status).toBe('passed');
    expect((await gate({}, { env: { AGENT_CICD_APPROVE: 'run-0' } }))?.status).toBe('failed');
    expect((await gate({}, { shared: { approve: true } }))?.summary).toBe('approved by the operator (--approve)');
    const ci = await gate(
      { protectedEnvironment: 'production' },
      { env: { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octo' } },
    );
    expect(ci?.summary).toMatch(/^approved by the reviewers of GitHub environment "production"/);
    expect((await gate({ protectedEnvironment: 'production' }))?.status).toBe('failed');
  });

  it('asks at the terminal: y approves, anything else rejects', async () => {
    expect((await gate({}, { prompt: async () => 'y' }))?.summary).toBe('approved by the operator (terminal prompt)');
    expect((await gate({}, { prompt: async () => 'no' }))?.summary).toBe('rejected at the terminal prompt');
  });
});
