import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deploymentManifest } from '@agent-cicd/deploy-gates/manifests';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBinaries, installFakeBinaries } from '../../../deploy-gates/src/test-utils/fake-binaries.js';
import { runCli } from '../test-utils/run-cli.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const example = join(repoRoot, 'examples/support-agent');
const stableImage = `ghcr.io/agent-cicd/support-agent@sha256:${'a'.repeat(64)}`;

/** A fresh checkout of the example (with `npm ci`'s node_modules and a Dockerfile for the fake docker). */
function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-pipeline-stages-'));
  cpSync(example, dir, { recursive: true, filter: (source) => !/[\\/](\.agent-cicd|node_modules)$/.test(source) });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  try {
    readFileSync(join(dir, 'Dockerfile'));
  } catch {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20-slim\n');
  }
  return dir;
}

let fakes: FakeBinaries;
beforeEach(async () => {
  fakes = await installFakeBinaries();
  const stable = deploymentManifest({
    name: 'support-agent',
    labels: { app: 'support-agent' },
    image: stableImage,
    replicas: 3,
  });
  await fakes.setState({
    objects: {
      'deployment/support-agent': { ...stable, metadata: stable.metadata, status: { replicas: 3, readyReplicas: 3 } },
    },
  });
});
afterEach(() => fakes.cleanup());

const pipeline = (dir: string, ...extra: string[]) =>
  runCli(['pipeline', '--cwd', dir, '--seed', '1', ...extra], {
    cwd: repoRoot,
    env: { ...fakes.env, AGENT_CICD_APPROVE: '', CI: 'true' },
  });
const stageLines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .filter((line) => /^[a-z0-9_]+\s+(ok|FAIL|HOLD|skip)\b/.test(line))
    .map((line) => line.split(/\s+/).slice(0, 2).join(' '));

// Each run spawns the CLI, runs the suites on the mock LLM, the probes and a local service (several seconds).
describe('agent-cicd pipeline: the eleven stages with fake docker and kubectl', { timeout: 180_000 }, () => {
  it('runs every stage for real against the fakes: image built, pushed and pinned by digest, canary, release recorded', async () => {
    const dir = copyExample();
    const run = await pipeline(dir, '--approve');
    expect(run.stderr).not.toMatch(/error/i);
    expect(stageLines(run.stdout)).toEqual([
      'static_analysis ok',
      'unit_test ok',
      'prompt_regression ok',
      'tool_integration ok',
      'security_scan ok',
      'build_image ok',
      'deploy_staging ok',
      'e2e_test ok',
      'approval_gate ok',
      'canary_deploy ok',
      'production_deploy ok',
    ]);
    expect(run.exitCode).toBe(0);
    const lines = await fakes.lines();
    expect(lines[0]).toMatch(/^docker build --file .*Dockerfile --tag ghcr\.io\/agent-cicd\/support-agent:\S+ /);
    expect(lines).toContainEqual(expect.stringMatching(/^docker push ghcr\.io\/agent-cicd\/support-agent:/));
    const pinned = expect.stringMatching(
      /^kubectl set image deployment\/support-agent support-agent=ghcr\.io\/agent-cicd\/support-agent@sha256:[0-9a-f]{64}$/,
    );
    expect(lines).toContainEqual(pinned);
    expect(lines).toContainEqual('kubectl rollout status deployment/support-agent --timeout=5m');
    expect(lines).toContainEqual(
      'kubectl annotate ingress support-agent-canary nginx.ingress.kubernetes.io/canary-weight=5 --overwrite',
    );
    expect(lines.at(-1)).toMatch(/^kubectl (apply|create|replace|patch)|configmap/);
    const release = JSON.parse(readFileSync(join(dir, '.agent-cicd/release.json'), 'utf8'));
    expect(release).toMatchObject({ prompt: { name: 'support', version: 'v2' }, model: { llmModel: 'gpt-4o' } });
    expect(release.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(Object.keys((await fakes.state()).objects)).toContain('configmap/support-agent-releases');
    // canary_deploy is the library's canary workflow: the canary copies the user's k8s/ Deployment and Ingress,
    // and the gate decided at every step.
    const objects = (await fakes.state()).objects as unknown as Record<
      string,
      { spec: { template: { spec: { containers: Array<{ env?: unknown[] }> } } } }
    >;
    const canaryEnv = objects['deployment/support-agent-canary']?.spec.template.spec.containers[0]?.env;
    expect(canaryEnv).toContainEqual(expect.objectContaining({ name: 'LLM_API_KEY', valueFrom: expect.anything() }));
    expect(JSON.stringify(objects['ingress/support-agent-canary'])).toContain('/v1/chat');
    for (const weight of [5, 25, 50]) expect(run.stderr).toContain(`[canary] ${weight}% (analysis 1): advance`);
    expect(run.stderr).toContain('[canary] 100% (analysis 1): promote');
    const record = JSON.parse(readFileSync(join(dir, '.agent-cicd/pipeline.json'), 'utf8'));
    expect(record).toMatchObject({ schemaVersion: 1, status: 'passed', passed: 11, dryRun: false });
    expect(record.stages.map((stage: { stage: string }) => stage.stage)).toEqual([
      'static_analysis',
      'unit_test',
      'prompt_regression',
      'tool_integration',
      'security_scan',
      'build_image',
      'deploy_staging',
      'e2e_test',
      'approval_gate',
      'canary_deploy',
      'production_deploy',
    ]);
  });

  it('a failing stage stops the run: the report shows it and every later stage is skipped', async () => {
    const dir = copyExample();
    await fakes.fail({
      tool: 'kubectl',
      match: 'rollout status deployment/support-agent --timeout=5m',
      once: true,
      stderr: 'error: deployment "support-agent" exceeded its progress deadline',
    });
    const run = await pipeline(dir, '--approve');
    expect(run.exitCode).toBe(1);
    expect(stageLines(run.stdout).slice(5)).toEqual([
      'build_image ok',
      'deploy_staging FAIL',
      'e2e_test skip',
      'approval_gate skip',
      'canary_deploy skip',
      'production_deploy skip',
    ]);
    expect(run.stdout).toMatch(
      /^deploy_staging\s+FAIL\s+\S+ s {2}error\[AGENT_CICD_COMMAND_FAILED\] .*progress deadline/m,
    );
    expect(run.stdout).toMatch(/^production_deploy\s+skip\s+not run: deploy_staging failed$/m);
    const summary = readFileSync(join(dir, '.agent-cicd/summary.md'), 'utf8');
    expect(summary).toContain('**6 of 11 stages passed**, `deploy_staging` failed');
    expect(summary).toMatch(/\| ❌ `deploy_staging` \| failed \| \d+\.\d\d s \| error\[AGENT_CICD_COMMAND_FAILED\]/);
    expect(summary).toContain('| ⏭️ `canary_deploy` | skipped | – | not run: deploy_staging failed |');
    expect((await fakes.lines()).some((line) => line.includes('canary'))).toBe(false);
  });

  it('an approval that does not come in time fails approval_gate; canary and production never start', async () => {
    const dir = copyExample();
    const config = join(dir, 'agent-cicd.config.yaml');
    const withTimeout = readFileSync(config, 'utf8').replace(
      'pipeline:\n  options:\n',
      'pipeline:\n  options:\n    approval_gate: { timeoutSeconds: 1, pollSeconds: 0.2 }\n',
    );
    writeFileSync(config, withTimeout);
    const run = await pipeline(dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /^approval_gate\s+FAIL\s+\d+\.\d\d s {2}no approval within 1 s \(agent-cicd approve \S+, \$AGENT_CICD_APPROVE, --approve\)$/m,
    );
    expect(stageLines(run.stdout).slice(8)).toEqual([
      'approval_gate FAIL',
      'canary_deploy skip',
      'production_deploy skip',
    ]);
    expect(run.stderr).toMatch(/waiting up to 1 s — run `agent-cicd approve \S+`/);
    expect((await fakes.lines()).some((line) => line.includes('canary'))).toBe(false);
  });
});
