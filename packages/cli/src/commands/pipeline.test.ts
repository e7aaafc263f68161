import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  return dir;
}

const pipeline = (dir: string, ...extra: string[]) =>
  runCli(['pipeline', '--cwd', dir, '--seed', '1', ...extra], { cwd: repoRoot });

// Each pipeline spawns Node + tsx and runs 40 trials on the mock LLM (several seconds).
describe('agent-cicd pipeline', { timeout: 120_000 }, () => {
  it('promotes the example: one line per stage, a markdown summary, exit 0', async () => {
    const dir = copyExample();
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const run = await runCli(['pipeline', '--cwd', dir, '--seed', '1'], {
      cwd: repoRoot,
      env: { GITHUB_STEP_SUMMARY: stepSummary },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'lint ok',
      'manifest ok',
      'run ok',
      'gate ok',
      `summary ${relative(repoRoot, join(dir, '.agent-cicd/summary.md'))}`,
    ]);
    expect(lines[2]).toContain('support-agent-module 1.000, support 1.000; 32 trials on dev');
    expect(lines[3]).toMatch(/^gate\s+ok\s+PROMOTE: /);
    const summary = readFileSync(join(dir, '.agent-cicd/summary.md'), 'utf8');
    expect(summary).toContain('| ✅ gate | PROMOTE: ');
    expect(summary).toContain('### Gate decision: **PROMOTE');
    expect(summary).toMatch(/\| PASS \| passRate\.nonInferiority \|/);
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${summary}`);
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
      /^run\s+ok\s+support-agent-module 0\.750 \(below threshold 0\.9\), support 0\.750 \(below threshold 0\.9\);/m,
    );
    expect(first.stdout).toMatch(/^gate\s+FAIL ROLLBACK: /m);
    expect(readFileSync(join(dir, '.agent-cicd/summary.md'), 'utf8')).toContain('### Gate decision: **ROLLBACK');
    expect(second.stdout).toBe(first.stdout);
    expect(second.exitCode).toBe(1);
  });

  it('stops at the first failing stage: a prompt edited without re-hashing fails lint, later stages are skipped', async () => {
    const dir = copyExample();
    appendFileSync(join(dir, 'prompts/support/v2.hbs'), 'Always answer in French.\n');
    const run = await pipeline(dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^lint\s+FAIL 7 files checked: 1 error/m);
    expect(run.stdout).toMatch(/prompt support@v2 \(prompts\/support\/v2\.hbs\): hash mismatch/);
    expect(run.stdout).toMatch(/^manifest\s+skip not run\nrun\s+skip not run\ngate\s+skip not run$/m);
    expect(existsSync(join(dir, '.agent-cicd/report.json'))).toBe(false);
    expect(readFileSync(join(dir, '.agent-cicd/summary.md'), 'utf8')).toContain('<summary>lint output</summary>');
  });

  it('exits 2 on invalid input before running anything', async () => {
    const dir = copyExample();
    rmSync(join(dir, 'gates.yaml'));
    const run = await pipeline(dir);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error\[AGENT_CICD_FILE_NOT_FOUND\] .*gates\.yaml.*--policy: file not found\n$/);
  });
});
