import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { CanaryStatus } from '@agent-cicd/deploy-gates/live';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

const gatesDir = dirname(createRequire(import.meta.url).resolve('@agent-cicd/deploy-gates/package.json'));

const status: CanaryStatus = {
  schemaVersion: 1,
  app: 'agent',
  release: 'v7',
  state: 'running',
  weight: 25,
  steps: [5, 25, 50, 100],
  startedAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:05:00.000Z',
  lastAction: 'hold',
  reasons: ['Only 40 canary requests at step 25%; the policy needs 100 before the step can end.'],
};

let dir: string;
let env: Record<string, string>;
const setCanary = async (canary?: CanaryStatus) => {
  const objects = canary
    ? {
        'configmap/agent-releases-canary': {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'agent-releases-canary' },
          data: { 'status.json': JSON.stringify(canary), 'command.json': '' },
        },
      }
    : {};
  await writeFile(join(dir, 'state.json'), JSON.stringify({ objects, images: {}, failures: [] }));
};
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-cicd-cli-canary-'));
  const target = join(gatesDir, 'src/test-utils/fake-kubectl.cjs');
  await writeFile(join(dir, 'kubectl'), `#!/usr/bin/env node\nrequire(${JSON.stringify(target)});\n`, { mode: 0o755 });
  await writeFile(join(dir, 'calls.jsonl'), '');
  await setCanary(status);
  env = {
    PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    FAKE_STATE_FILE: join(dir, 'state.json'),
    FAKE_LOG_FILE: join(dir, 'calls.jsonl'),
    GITHUB_ACTOR: 'octocat',
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const verbsRun = async () =>
  (await readFile(join(dir, 'calls.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      (JSON.parse(line) as { argv: string[] }).argv.find((a) => a === 'get' || a === 'patch' || a === 'apply'),
    );

describe('agent-cicd canary', { timeout: 120_000 }, () => {
  it('pauses a running canary, shows the pending command, and refuses a second promote/abort', async () => {
    const pause = await runCli(
      ['canary', 'pause', '--app', 'agent', '-n', 'agents', '--reason', 'checking logs', '--json'],
      { env },
    );
    expect(pause.exitCode, pause.stderr).toBe(0);
    const result = JSON.parse(pause.stdout) as {
      verdict: string;
      applied: boolean;
      command: { action: string; by: string };
    };
    expect(result).toMatchObject({ verdict: 'apply', applied: true, command: { action: 'pause', by: 'octocat' } });
    expect(await verbsRun()).toEqual(['get', 'patch']);

    const shown = await runCli(['canary', 'status', '--app', 'agent', '-n', 'agents', '--json'], { env });
    expect(shown.exitCode).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      pendingCommand: 'pause',
      status: { state: 'running', weight: 25 },
    });

    const again = await runCli(['canary', 'pause', '--app', 'agent', '-n', 'agents'], { env });
    expect(again).toMatchObject({ exitCode: 0, stdout: 'the canary of agent is already paused\n' });

    expect((await runCli(['canary', 'abort', '--app', 'agent', '-n', 'agents'], { env })).exitCode).toBe(0);
    const promote = await runCli(['canary', 'promote', '--app', 'agent', '-n', 'agents'], { env });
    expect(promote.exitCode).toBe(1);
    expect(promote.stdout).toMatch(/^refused: a abort of agent is already pending/);
  });

  it('prints the plan in dry-run and writes nothing', async () => {
    const run = await runCli(['canary', 'promote', '--app', 'agent', '-n', 'agents', '--dry-run'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^would promote the canary of agent at 25% \(it acts at its next look\) \(dry run\)\n {2}kubectl -n agents patch configmap agent-releases-canary --type=merge -p /,
    );
    expect(await verbsRun()).toEqual(['get']);
  });

  it('prints the status for people and refuses to steer a finished or missing canary', async () => {
    const human = await runCli(['canary', 'status', '--app', 'agent'], { env });
    expect(human.stdout).toBe(
      'agent: running at 25% (steps 5 → 25 → 50 → 100), release v7\nlast analysis: hold (updated 2026-11-29T10:05:00.000Z)\n  - Only 40 canary requests at step 25%; the policy needs 100 before the step can end.\n',
    );
    await setCanary({ ...status, state: 'rolled_back' });
    const late = await runCli(['canary', 'abort', '--app', 'agent', '--json'], { env });
    expect(late.exitCode).toBe(1);
    expect(JSON.parse(late.stdout)).toMatchObject({
      verdict: 'refuse',
      applied: false,
      message: 'the canary of agent has already rolled back',
    });
    await setCanary(undefined);
    const none = await runCli(['canary', 'status', '--app', 'agent'], { env });
    expect(none).toMatchObject({
      exitCode: 1,
      stdout: 'no canary of agent recorded in configmap/agent-releases-canary\n',
    });
    const bad = await runCli(['canary', 'pause', '--app', 'Not_A_Name'], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^error\[AGENT_CICD_DEPLOY_INVALID_INPUT\] .*app name/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
