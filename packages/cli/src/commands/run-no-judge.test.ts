import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPromptBytes, type RunReport } from '@agent-cicd/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

// Inside the repository, so the spawned CLI resolves `tsx` and the workspace packages.
const scratch = fileURLToPath(new URL('../../../../node_modules/.cache/', import.meta.url));

/** A project whose `tone` suite has a judge-only case and a keyword case, and a `judge-only` suite. */
async function project(): Promise<string> {
  await mkdir(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'agent-cicd-no-judge-'));
  await mkdir(join(dir, 'prompts'), { recursive: true });
  await mkdir(join(dir, 'mixed'), { recursive: true });
  await mkdir(join(dir, 'judged'), { recursive: true });
  const prompt = 'You are a support agent.\n';
  writeFileSync(join(dir, 'prompts', 'support.md'), prompt);
  writeFileSync(
    join(dir, 'prompts', 'manifest.yaml'),
    `prompts:\n  support:\n    versions:\n      v1:\n        path: prompts/support.md\n        hash: "${hashPromptBytes(prompt)}"\n`,
  );
  writeFileSync(join(dir, 'agent-cicd.config.yaml'), 'mock:\n  script: model.mock.yaml\n');
  writeFileSync(
    join(dir, 'model.mock.yaml'),
    [
      'rules:',
      '  - when: { promptVersion: judge@v1 }',
      '    respond:',
      '      toolCalls: [{ name: submit_verdict, arguments: { score: 0.9, pass: true, reason: Warm. } }]',
      '  - respond: Hello! Happy to help with your order.',
    ].join('\n'),
  );
  const tone = '  - id: tone\n    userInput: hi\n    expectedBehavior: Greets the user warmly.';
  writeFileSync(
    join(dir, 'mixed', 'support.prompt.yaml'),
    `name: support\nprompt: { name: support, version: v1 }\ncases:\n${tone}\n  - id: help\n    userInput: hi\n    expectedResponseKeywords: [help]\n`,
  );
  writeFileSync(
    join(dir, 'judged', 'tone.prompt.yaml'),
    `name: tone\nprompt: { name: support, version: v1 }\ncases:\n${tone}\n`,
  );
  return dir;
}

const readReport = (file: string): RunReport => JSON.parse(readFileSync(file, 'utf8')) as RunReport;

describe('agent-cicd run --no-judge', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project();
  });

  it('skips the judge-only case (never passed), evaluates the other, and says so', async () => {
    const run = await runCli(['run', 'mixed/', '--no-judge', '--report', 'out/mixed.json'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      '- support › tone (skipped: judge skipped (--no-judge): the case has only model-graded checks)',
    );
    expect(run.stdout).toMatch(/PASS support: pass rate 1\.000 .*2 cases \(1 passed, 0 failed, 0 errors, 1 skipped\)/);
    expect(run.stdout).toContain('judge skipped (--no-judge): 1 case skipped (not evaluated, not passed)');
    const report = readReport(join(dir, 'out/mixed.json'));
    expect(report.options).toEqual({ skipJudge: true });
    expect(report.suites[0]?.cases.map((c) => c.status)).toEqual(['skipped', 'passed']);
  });

  it('a suite where everything was skipped fails the run: nothing was evaluated', async () => {
    const run = await runCli(['run', 'judged/', '--no-judge', '--report', 'out/nojudge.json', '--junit', 'out/j.xml'], {
      cwd: dir,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'run FAILED: suite tone: all 1 case(s) were skipped (judge skipped with --no-judge, nothing else to check): nothing was evaluated',
    );
    expect(readFileSync(join(dir, 'out/j.xml'), 'utf8')).toContain(
      '<skipped message="judge skipped (--no-judge): the case has only model-graded checks (unrun: judge)"/>',
    );
    const show = await runCli(['report', 'show', 'out/nojudge.json'], { cwd: dir });
    expect(show.stdout).toContain('Skipped, not evaluated (1)');
  });

  it('merge refuses shards that differ in --no-judge; the gate holds judged vs not', async () => {
    const judged = await runCli(['run', 'judged/', '--report', 'out/judged.json'], { cwd: dir });
    expect(judged.exitCode, judged.stdout + judged.stderr).toBe(0);
    await runCli(['run', 'judged/', '--no-judge', '--report', 'out/nojudge.json'], { cwd: dir });
    const merge = await runCli(['report', 'merge', 'out/judged.json', 'out/nojudge.json', '--out', 'out/m.json'], {
      cwd: dir,
    });
    expect(merge.exitCode).toBe(2);
    expect(merge.stderr.trim()).toBe(
      'error[AGENT_CICD_REPORT_INVALID] cannot merge: out/nojudge.json skipped the judge (--no-judge) and out/judged.json did not; shards of one run are graded alike',
    );
    const gate = await runCli(['gate', '--baseline', 'out/judged.json', '--candidate', 'out/nojudge.json'], {
      cwd: dir,
    });
    expect(gate.exitCode).toBe(3);
    expect(gate.stdout).toContain('The candidate run skipped the judge (--no-judge) and the baseline did not');
  });
});
