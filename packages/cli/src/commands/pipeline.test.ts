import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const example = join(repoRoot, 'examples/support-agent');

/** A fresh copy of the example project (without its local run outputs), as a CI checkout would have it. */
function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-pipeline-'));
  cpSync(example, dir, {
    recursive: true,
    filter: (source) => !/[\\/](\.agent-cicd|node_modules)$/.test(source),
  });
  // What `npm ci` gives a checkout: the unit_test stage's command needs tsx.
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  if (!existsSync(join(dir, 'Dockerfile'))) writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20-slim\n');
  return dir;
}

const pipeline = (dir: string, ...extra: string[]) =>
  runCli(['pipeline', '--cwd', dir, '--seed', '1', '--dry-run', '--approve', ...extra], { cwd: repoRoot });

// Each pipeline spawns Node + tsx and runs 40 trials on the mock LLM (several seconds).
describe('agent-cicd pipeline', { timeout: 120_000 }, () => {
  it('promotes the example: one line per stage, a markdown summary, exit 0', async () => {
    const dir = copyExample();
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const run = await runCli(['pipeline', '--cwd', dir, '--seed', '1', '--dry-run', '--approve'], {
      cwd: repoRoot,
      env: { GITHUB_STEP_SUMMARY: stepSummary },
    });
    expect(run.stderr).toContain('$ docker build');
    expect(run.stderr).toContain('$ kubectl -n agent-staging set image deployment/support-agent');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual([
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
      expect.stringMatching(/^\d+ of/),
    ]);
    expect(lines[0]).toMatch(
      /^static_analysis\s+ok\s+\d+\.\d\d s {2}\d+ files checked: 0 errors, 0 warnings; prompts\/manifest\.yaml: 2 prompt versions match/,
    );
    expect(lines[2]).toContain('support 1.000, support-agent-module 1.000; 32 trials on dev');
    expect(lines[2]).toMatch(/PROMOTE: /);
    expect(lines.at(-1)).toBe(
      `11 of 11 stages passed in ${lines.at(-1)?.split(' in ')[1]?.split(';')[0]}; report ${relative(repoRoot, join(dir, '.agent-cicd/summary.md'))} (and $GITHUB_STEP_SUMMARY), record ${relative(repoRoot, join(dir, '.agent-cicd/pipeline.json'))}`,
    );
    const summary = readFileSync(join(dir, '.agent-cicd/summary.md'), 'utf8');
    expect(summary).toMatch(/\| ✅ `prompt_regression` \| passed \| \d+\.\d\d s \| .*PROMOTE: /);
    expect(summary).toContain('**11 of 11 stages passed**');
    expect(summary).toContain('(dry run: docker and kubectl printed, not run)');
    expect(summary).toContain('### Gate decision: **PROMOTE');
    expect(summary).toMatch(/\| PASS \| passRate\.nonInferiority \|/);
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${summary}`);
    const record = JSON.parse(readFileSync(join(dir, '.agent-cicd/pipeline.json'), 'utf8'));
    expect(record).toMatchObject({ schemaVersion: 1, status: 'passed', exitCode: 0, passed: 11, dryRun: true });
    expect(record.decision.action).toBe('promote');
    const report = JSON.parse(readFileSync(join(dir, '.agent-cicd/report.json'), 'utf8')) as { tier: string };
    expect(report.tier).toBe('dev');
  });

  it('rolls back a candidate whose model answers worse (exit 1), the same way for the same seed', async () => {
    const dir = copyExample();
    const script = join(dir, 'mocks/agent.mock.yaml');
    const worse = readFileSync(script, 'utf8').replace(
      'respond: "From our help centre: {{toolResult}}"',
      'respond: Please see our help centre.',
    );
    expect(worse).not.toBe(readFileSync(script, 'utf8'));
    writeFileSync(script, worse);
    const [first, second] = [await pipeline(dir), await pipeline(dir)];
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toMatch(
      /^prompt_regression FAIL\s+\S+ s {2}support 0\.750 \(below threshold 0\.9\), support-agent-module 0\.750 \(below threshold 0\.9\);.*ROLLBACK: /m,
    );
    expect(readFileSync(join(dir, '.agent-cicd/summary.md'), 'utf8')).toContain('### Gate decision: **ROLLBACK');
    const withoutDurations = (text: string) => text.replace(/\d+\.\d+ s/g, 'T');
    expect(withoutDurations(second.stdout)).toBe(withoutDurations(first.stdout));
    expect(second.exitCode).toBe(1);
  });

  it('stops at the first failing stage: a prompt edited without re-hashing fails lint, later stages are skipped', async () => {
    const dir = copyExample();
    appendFileSync(join(dir, 'prompts/support/v2.hbs'), 'Always answer in French.\n');
    const run = await pipeline(dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^static_analysis\s+FAIL\s+\S+ s {2}\d+ files checked: 1 error/m);
    expect(run.stdout).toMatch(/prompt support@v2 \(prompts\/support\/v2\.hbs\): hash mismatch/);
    expect(run.stdout).toMatch(/^unit_test\s+skip\s+not run: static_analysis failed$/m);
    expect(run.stdout).toMatch(/^prompt_regression\s+skip\s+not run: static_analysis failed$/m);
    expect(existsSync(join(dir, '.agent-cicd/report.json'))).toBe(false);
    const summary = readFileSync(join(dir, '.agent-cicd/summary.md'), 'utf8');
    expect(summary).toContain('<summary>static_analysis output</summary>');
    expect(summary).toContain('**0 of 11 stages passed**, `static_analysis` failed');
  });

  it('exits 2 on invalid input before running anything', async () => {
    const dir = copyExample();
    rmSync(join(dir, 'gates.yaml'));
    const run = await pipeline(dir);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error\[AGENT_CICD_FILE_NOT_FOUND\] .*gates\.yaml.*prompt_regression policy: file not found\n$/,
    );
    expect(existsSync(join(dir, '.agent-cicd'))).toBe(false);
  });
});
