import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { deploymentManifest } from '@agent-cicd/deploy-gates/manifests';
import { createReleaseBundle, emptyReleaseHistory, recordRelease } from '@agent-cicd/deploy-gates/releases';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

const gatesDir = dirname(createRequire(import.meta.url).resolve('@agent-cicd/deploy-gates/package.json'));
const digestA = `ghcr.io/acme/agent@sha256:${'a'.repeat(64)}`;
const digestB = `ghcr.io/acme/agent@sha256:${'b'.repeat(64)}`;
const release = (id: string, image: string, version: string, llmModel: string) =>
  createReleaseBundle({ id, image, prompt: { name: 'support', version, hash: `sha256:${id}` }, model: { llmModel } });

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-cicd-cli-rollback-'));
  const target = (tool: string) => join(gatesDir, 'src/test-utils', `fake-${tool}.cjs`);
  await writeFile(join(dir, 'kubectl'), `#!/usr/bin/env node\nrequire(${JSON.stringify(target('kubectl'))});\n`, {
    mode: 0o755,
  });
  const stable = deploymentManifest({ name: 'agent', labels: { app: 'agent' }, image: digestB, replicas: 2 });
  await writeFile(
    join(dir, 'state.json'),
    JSON.stringify({ objects: { 'deployment/agent': stable }, images: {}, failures: [] }),
  );
  await writeFile(join(dir, 'calls.jsonl'), '');
  let history = emptyReleaseHistory();
  history = recordRelease(history, release('v1', digestA, '1.0.0', 'gpt-4o'), {
    action: 'deploy',
    at: '2026-11-25T10:00:00.000Z',
  });
  history = recordRelease(history, release('v2', digestB, '1.1.0', 'gpt-4o-mini'), {
    action: 'deploy',
    at: '2026-11-26T10:00:00.000Z',
  });
  await writeFile(join(dir, 'releases.json'), JSON.stringify(history));
  env = {
    PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    FAKE_STATE_FILE: join(dir, 'state.json'),
    FAKE_LOG_FILE: join(dir, 'calls.jsonl'),
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const calls = async () =>
  (await readFile(join(dir, 'calls.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { argv: string[] }).argv);

describe('agent-cicd rollback', { timeout: 120_000 }, () => {
  it('restores image, prompt and model of the previous release together and records it', async () => {
    const run = await runCli(
      ['rollback', '--app', 'agent', '-n', 'agents', '--history-file', join(dir, 'releases.json')],
      { env },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `rolled back agent from v2 to v1: image ${digestA}, prompt support@1.0.0, model gpt-4o (verified)\n`,
    );
    expect(run.exitCode).toBe(0);
    const argv = await calls();
    expect(argv.map((a) => a.slice(2, 5).join(' '))).toEqual([
      'get service agent',
      'get deployment agent',
      'apply -f -',
      'get deployment agent',
      'patch deployment agent',
      'rollout status deployment/agent',
      'get deployment agent',
    ]);
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
    const container = state.objects['deployment/agent'].spec.template.spec.containers[0];
    expect(container.image).toBe(digestA);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'agent-config-v1' } }]);
    expect(state.objects['configmap/agent-config-v1'].data).toMatchObject({
      AGENT_PROMPT_VERSION: '1.0.0',
      AGENT_LLM_MODEL: 'gpt-4o',
    });
    const history = JSON.parse(await readFile(join(dir, 'releases.json'), 'utf8'));
    expect(history.current).toBe('v1');
    expect(history.events.at(-1)).toMatchObject({ action: 'rollback', release: 'v1', from: 'v2' });
  });

  it('--to an unknown release: one line, exit 2, nothing runs', async () => {
    const run = await runCli(
      ['rollback', '--app', 'agent', '--to', 'v9', '--history-file', join(dir, 'releases.json')],
      { env },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('error[AGENT_CICD_RELEASE_NOT_FOUND] release v9 is not in the history (known: v1, v2)\n');
    expect(await calls()).toEqual([]);
  });

  it('--dry-run prints the commands and changes nothing', async () => {
    const before = await readFile(join(dir, 'releases.json'), 'utf8');
    const run = await runCli(
      ['rollback', '--app', 'agent', '--to', 'v1', '--history-file', join(dir, 'releases.json'), '--dry-run'],
      { env },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("  kubectl apply -f - <<'AGENT_CICD_EOF'");
    expect(run.stdout).toContain('  kubectl patch deployment agent --type=strategic -p');
    expect(await calls()).toEqual([]);
    expect(await readFile(join(dir, 'releases.json'), 'utf8')).toBe(before);
  });
});
