import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPromptBytes, type RunReport } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

const example = fileURLToPath(new URL('../../../../examples/support-agent', import.meta.url));
const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));
// Inside the repository, so the spawned CLI resolves `tsx` and the workspace packages.
const scratch = fileURLToPath(new URL('../../../../node_modules/.cache/', import.meta.url));

/** A project with a prompt in a manifest, a mock model right with probability 0.8, and `n` cases. */
async function project(n: number, latencyMs = 0): Promise<string> {
  await mkdir(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'agent-cicd-run-cli-'));
  await mkdir(join(dir, 'prompts'), { recursive: true });
  const prompt = 'You answer questions about {{topic}}.\n';
  writeFileSync(join(dir, 'prompts', 'qa.md'), prompt);
  writeFileSync(
    join(dir, 'prompts', 'manifest.yaml'),
    `prompts:\n  qa:\n    versions:\n      v1:\n        path: prompts/qa.md\n        hash: "${hashPromptBytes(prompt)}"\n`,
  );
  writeFileSync(join(dir, 'agent-cicd.config.yaml'), 'mock:\n  script: model.mock.yaml\n');
  writeFileSync(
    join(dir, 'model.mock.yaml'),
    [
      'rules:',
      '  - when: { system: "questions about numbers" }',
      '    probability: 0.8',
      `    respond: { text: "The answer is 42.", latencyMs: ${latencyMs} }`,
      `    otherwise: { text: "No idea.", latencyMs: ${latencyMs} }`,
    ].join('\n'),
  );
  const cases = Array.from(
    { length: n },
    (_, i) => `  - id: q${i}\n    userInput: question ${i}\n    expectedResponseKeywords: ["42"]`,
  );
  writeFileSync(
    join(dir, 'qa.prompt.yaml'),
    `name: qa\nprompt: { name: qa, version: v1 }\nvars: { topic: numbers }\nthreshold: 0.7\ncases:\n${cases.join('\n')}\n`,
  );
  return dir;
}

/** The report without what legitimately differs between runs: ids, timestamps, durations, latencies. */
function normalize(report: RunReport): unknown {
  return JSON.parse(
    JSON.stringify(report, (key, value) =>
      ['runId', 'createdAt', 'durationMs', 'latencyMs'].includes(key) ? undefined : value,
    ),
  );
}

const readReport = (file: string): RunReport => JSON.parse(readFileSync(file, 'utf8')) as RunReport;

describe('agent-cicd run', { timeout: 60_000 }, () => {
  it("finds the config of the suites' project, as lint does (`run prompts/` from the repository root)", async () => {
    const dir = await project(3);
    const outer = join(dir, '..');
    const name = dir.slice(outer.length + 1);
    const run = await runCli(['run', `${name}/`, '--seed', '1', '--report', join(dir, 'r.json')], { cwd: outer });
    expect(run.stderr).not.toMatch(/no mock script/);
    expect(run.stdout).toMatch(/3 cases \(3 passed/);
    expect(readReport(join(dir, 'r.json')).suites[0]?.cases).toHaveLength(3);
    // Suites of two projects at once: one line saying so, exit 2.
    const other = await project(1);
    const both = await runCli(['run', `${name}/`, `${other.slice(outer.length + 1)}/`], { cwd: outer });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(
      /the suites belong to different projects .* run each project separately or pass --config/,
    );
  });

  it('runs the support-agent example green on the dev tier (module target, mock LLM, mock tools, judge)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'agent-cicd-run-')), 'report.json');
    const run = await runCli(['run', 'suites/agent.suite.yaml', '--tier', 'dev', '--report', out], { cwd: example });
    expect(run.stderr).toContain('4/4 cases');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('PASS support-agent-module: pass rate 1.000');
    const report = readReport(out);
    expect(report.status).toBe('complete');
    expect(report.suites[0]?.cases.map((c) => [c.caseId, c.status, c.toolsCalled])).toEqual([
      ['order-status', 'passed', ['lookup_order']],
      ['refund-timeline', 'passed', ['search_kb']],
      ['refund-request-is-not-executed', 'passed', ['lookup_order']],
      ['small-talk', 'passed', []],
    ]);
    expect(report.suites[0]?.cases[0]?.score).toBe(0.9);
    expect(existsSync(out.replace(/\.json$/, '.jsonl'))).toBe(true);
  });

  it('exits 1 when a suite misses its threshold, with a reproducible seeded pass rate', async () => {
    const dir = await project(40);
    const args = ['run', 'qa.prompt.yaml', '--seed', '3', '--trials', '2', '--report', 'a.json'];
    const first = await runCli(args, { cwd: dir });
    expect(first.stderr).toBe(`agent-cicd run: 40/40 cases (${first.stderr.split('(')[1]}`);
    const high = await runCli([...args.slice(0, -1), 'b.json', '--concurrency', '16'], { cwd: dir });
    const a = readReport(join(dir, 'a.json'));
    const b = readReport(join(dir, 'b.json'));
    expect(normalize(b)).toEqual(normalize(a));
    expect(a.suites[0]?.passRate).toBeGreaterThan(0.5);
    expect(a.suites[0]?.passRate).toBeLessThan(1);
    expect(first.exitCode).toBe(a.suites[0]?.passed ? 0 : 1);
    expect(high.exitCode).toBe(first.exitCode);
    writeFileSync(
      join(dir, 'strict.prompt.yaml'),
      readFileSync(join(dir, 'qa.prompt.yaml'), 'utf8')
        .replace('threshold: 0.7', 'threshold: 0.99')
        .replace('name: qa\n', 'name: strict\n'),
    );
    const strict = await runCli(['run', 'strict.prompt.yaml', '--seed', '3', '--report', 'c.json'], { cwd: dir });
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toMatch(/^FAIL strict: pass rate 0\.\d+ \[0\.\d+, 0\.\d+\] \(threshold 0\.99\)/m);
    // Each failing case with its first violation, then the verdict in words.
    const failing = strict.stdout.match(/^✗ strict › q\d+ \(failed, 0\/1 trials passed\)\n {4}keyword: .+$/gm) ?? [];
    expect(failing.length).toBe(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')).totals.counts.failed);
    expect(failing[0]).toMatch(/keyword: the response does not contain keyword "42"/);
    expect(strict.stdout).toMatch(/^run FAILED: suite strict: pass rate \d+\.\d% is below its threshold 99\.0%$/m);
  });

  it('an errored case fails the run even when its suite meets the threshold; --verbose lists every violation', async () => {
    const dir = await project(4);
    writeFileSync(
      join(dir, 'model.mock.yaml'),
      [
        'rules:',
        '  - when: { user: "question 0" }',
        '    respond: { error: { kind: auth, message: bad key } }',
        '  - when: { user: "question 1" }',
        '    respond: "No idea, sorry."',
        '  - respond: "The answer is 42."',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'qa.prompt.yaml'),
      readFileSync(join(dir, 'qa.prompt.yaml'), 'utf8')
        .replace('threshold: 0.7', 'threshold: 0.5')
        .replace('question 1\n    expectedResponseKeywords: ["42"]', '$&\n    maxTokensLimit: 1'),
    );
    const run = await runCli(['run', 'qa.prompt.yaml', '--report', 'r.json'], { cwd: dir });
    expect(run.stdout).toMatch(/^PASS qa: /m);
    expect(run.stdout).toMatch(/^! qa › q0 \(error, 0\/1 trials passed\)\n {4}llm_error: .*bad key/m);
    expect(run.stdout).toMatch(
      /^✗ qa › q1 \(failed, 0\/1 trials passed\)\n {4}keyword: .*"42"\n {4}… 1 more \(--verbose\)$/m,
    );
    expect(run.stdout).toMatch(/^run FAILED: suite qa: 1 case\(s\) errored$/m);
    expect(run.exitCode).toBe(1);
    const verbose = await runCli(['run', 'qa.prompt.yaml', '--report', 'r.json', '--verbose'], { cwd: dir });
    expect(verbose.stdout).toMatch(
      /^✗ qa › q1 \(failed, 0\/1 trials passed\)\n {4}keyword: .*"42"\n {4}token_limit: .+$/m,
    );
  });

  it('exits 2 with one line for invalid input', async () => {
    const dir = await project(1);
    const missing = await runCli(['run', 'nope.prompt.yaml'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('error[AGENT_CICD_FILE_NOT_FOUND] nope.prompt.yaml: file not found\n');
    const trials = await runCli(['run', 'qa.prompt.yaml', '--trials', '0'], { cwd: dir });
    expect(trials.exitCode).toBe(2);
    expect(trials.stderr).toContain('--trials must be an integer ≥ 1, got "0"');
    writeFileSync(
      join(dir, 'bad.prompt.yaml'),
      'name: bad\nprompt: { name: qa, version: v9 }\ncases:\n  - id: a\n    userInput: hi\n',
    );
    const version = await runCli(['run', 'bad.prompt.yaml'], { cwd: dir });
    expect(version.exitCode).toBe(2);
    expect(version.stderr).toMatch(
      /^error\[AGENT_CICD_PROMPT_NOT_FOUND\] .*prompt "qa" has no version "v9" \(versions: "v1"\)\n$/,
    );
  });

  it('stops at --max-calls with status budget_exceeded', async () => {
    const dir = await project(20);
    const run = await runCli(
      ['run', 'qa.prompt.yaml', '--max-calls', '5', '--concurrency', '1', '--report', 'r.json'],
      { cwd: dir },
    );
    expect(run.exitCode).toBe(1);
    const report = readReport(join(dir, 'r.json'));
    expect(report.status).toBe('budget_exceeded');
    expect(report.totals.counts.cases).toBe(5);
    expect(run.stdout).toContain(
      'run budget_exceeded: the run reached its budget of 5 model calls; continue it with --resume',
    );
  });

  it('a 1,000-case run killed half-way with SIGINT and resumed gives the report of an uninterrupted run', async () => {
    const dir = await project(1000, 2);
    const results = join(dir, 'killed.jsonl');
    const killed = await new Promise<{ code: number | null; lines: number }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--conditions=@agent-cicd/source',
          '--import',
          'tsx',
          bin,
          'run',
          'qa.prompt.yaml',
          '--seed',
          '5',
          '--report',
          'killed.json',
        ],
        { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' },
      );
      let lines = 0;
      const poll = setInterval(() => {
        if (!existsSync(results)) return;
        lines = readFileSync(results, 'utf8').split('\n').length - 1;
        if (lines >= 500) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 10);
      child.on('exit', (code) => {
        clearInterval(poll);
        resolve({ code, lines });
      });
    });
    expect(killed.code).toBe(1);
    const partial = readReport(join(dir, 'killed.json'));
    expect(partial.status).toBe('incomplete');
    expect(partial.statusReason).toMatch(/interrupted by SIGINT/);
    expect(partial.totals.counts.cases).toBeGreaterThanOrEqual(killed.lines - 1);
    expect(partial.totals.counts.cases).toBeLessThan(1000);
    const journalCases = readFileSync(results, 'utf8').trim().split('\n').length - 1;
    expect(journalCases).toBe(partial.totals.counts.cases);

    const resumed = await runCli(['run', 'qa.prompt.yaml', '--seed', '5', '--report', 'killed.json', '--resume'], {
      cwd: dir,
    });
    const full = await runCli(['run', 'qa.prompt.yaml', '--seed', '5', '--report', 'full.json', '--concurrency', '8'], {
      cwd: dir,
    });
    expect(resumed.exitCode).toBe(full.exitCode);
    const resumedReport = readReport(join(dir, 'killed.json'));
    expect(resumedReport.status).toBe('complete');
    expect(resumedReport.runId).toBe(partial.runId);
    expect(resumedReport.totals.counts.cases).toBe(1000);
    expect(normalize(resumedReport)).toEqual(normalize(readReport(join(dir, 'full.json'))));
    expect(readFileSync(results, 'utf8').trim().split('\n')).toHaveLength(1001);
  }, 120_000);
});
