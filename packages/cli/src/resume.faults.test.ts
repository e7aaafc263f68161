import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPromptBytes } from '@agent-cicd/core';
import { createPrng } from '@agent-cicd/core/testing';
import { describe, expect, it } from 'vitest';
import { writeFaultFigures } from '../../../scripts/fault-figures.js';
import { runCli } from './test-utils/run-cli.js';

const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
// Inside the repository, so the spawned CLI resolves `tsx` and the workspace packages.
const scratch = fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url));

/** A project whose mock model answers each case after `latencyMs`: `n` cases in one suite. */
function project(n: number, latencyMs: number): string {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'agent-cicd-resume-'));
  mkdirSync(join(dir, 'prompts'));
  const prompt = 'You answer questions.\n';
  writeFileSync(join(dir, 'prompts', 'qa.md'), prompt);
  writeFileSync(
    join(dir, 'prompts', 'manifest.yaml'),
    `prompts:\n  qa:\n    versions:\n      v1:\n        path: prompts/qa.md\n        hash: "${hashPromptBytes(prompt)}"\n`,
  );
  writeFileSync(join(dir, 'agent-cicd.config.yaml'), 'mock:\n  script: model.mock.yaml\n');
  writeFileSync(
    join(dir, 'model.mock.yaml'),
    `rules:\n  - respond: { text: "The answer is 42.", latencyMs: ${latencyMs} }\n`,
  );
  writeSuite(dir, n);
  return dir;
}

function writeSuite(dir: string, n: number, order: (ids: number[]) => number[] = (ids) => ids): void {
  const ids = order(Array.from({ length: n }, (_, i) => i));
  const cases = ids.map((i) => `  - id: q${i}\n    userInput: question ${i}\n    expectedResponseKeywords: ["42"]`);
  writeFileSync(
    join(dir, 'qa.prompt.yaml'),
    `name: qa\nprompt: { name: qa, version: v1 }\nthreshold: 0.5\ncases:\n${cases.join('\n')}\n`,
  );
}

const runArgs = ['run', 'qa.prompt.yaml', '--report', 'out/report.json', '--concurrency', '2', '--seed', '1'];

function start(dir: string, args: string[]): ChildProcess & { done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--conditions=@agent-cicd/source', '--import', tsxLoader, bin, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', AGENT_CICD_TIER: 'dev' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Object.assign(child, {
    done,
    get stderrText() {
      return stderr;
    },
  });
}

/** Case lines of the journal: how many, and how many distinct (suite, index). */
function journalCases(dir: string): { lines: number; unique: number } {
  const file = join(dir, 'out/report.jsonl');
  if (!existsSync(file)) return { lines: 0, unique: 0 };
  const keys = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"type":"case"'))
    .map((line) => {
      const entry = JSON.parse(line) as { suite: number; index: number };
      return `${entry.suite}:${entry.index}`;
    });
  return { lines: keys.length, unique: new Set(keys).size };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('resume cannot double-count', () => {
  it('20 kill -9 at random moments lose and duplicate no case; a concurrent resume is refused', {
    timeout: 600_000,
  }, async () => {
    const n = 40;
    const dir = project(n, 120);
    const random = createPrng(20261129);
    let kills = 0;
    let killsMidRun = 0;
    let lost = 0;
    let duplicated = 0;
    let unexpectedExits = 0;
    let episodes = 0;
    let fresh = true;

    const finishEpisode = async (): Promise<void> => {
      // Complete the run, then count: every case once in the journal and once in the report.
      const last = await runCli([...runArgs, '--resume'], { cwd: dir, env: { AGENT_CICD_TIER: 'dev' } });
      if (last.exitCode !== 0) unexpectedExits++;
      const journal = journalCases(dir);
      const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as {
        status: string;
        suites: Array<{ cases: Array<{ caseId: string }> }>;
      };
      const ids = report.suites.flatMap((suite) => suite.cases.map((c) => c.caseId));
      lost += n - new Set(ids).size + (n - journal.unique);
      duplicated += ids.length - new Set(ids).size + (journal.lines - journal.unique);
      if (report.status !== 'complete') unexpectedExits++;
      episodes++;
      fresh = true;
    };

    while (kills < 20) {
      const child = start(dir, fresh ? runArgs : [...runArgs, '--resume']);
      fresh = false;
      // Start-up takes ~1 s on a loaded machine; the run itself ~2.5 s.
      const wait = 300 + Math.floor(random() * 3_000);
      const exited = await Promise.race([child.done.then(() => true), sleep(wait).then(() => false)]);
      if (exited) {
        const code = await child.done;
        if (code !== 0) unexpectedExits++;
        await finishEpisode();
        continue;
      }
      child.kill('SIGKILL');
      await child.done;
      kills++;
      const journal = journalCases(dir);
      if (journal.unique > 0 && journal.unique < n) killsMidRun++;
    }
    await finishEpisode();

    // A concurrent resume on the same journal is refused in one line, exit 2; the first run is unharmed.
    const slow = project(30, 400);
    const first = start(slow, [...runArgs, '--resume']);
    for (let i = 0; i < 200 && !existsSync(join(slow, 'out/report.jsonl.lock')); i++) await sleep(50);
    const second = await runCli([...runArgs, '--resume'], { cwd: slow, env: { AGENT_CICD_TIER: 'dev' } });
    const firstCode = await first.done;
    const lines = second.stderr.trim().split('\n');
    const refused = second.exitCode === 2 && lines.length === 1 && /AGENT_CICD_RESULTS_LOCKED/.test(second.stderr);
    const afterConcurrent = journalCases(slow);

    writeFaultFigures('resume', [
      {
        id: 'kill-9-runs',
        description: 'runs killed with SIGKILL at a random moment',
        value: kills,
        goal: { op: '>=', value: 20 },
      },
      {
        id: 'kill-9-mid-run',
        description: 'kills that hit a run with some but not all cases journaled',
        value: killsMidRun,
        goal: { op: '>=', value: 5 },
      },
      {
        id: 'kill-9-lost-cases',
        description: 'cases missing after resuming',
        value: lost,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'kill-9-duplicated-cases',
        description: 'cases recorded twice (journal lines or report)',
        value: duplicated,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'kill-9-unexpected-exits',
        description: 'resumes that failed or left an incomplete report',
        value: unexpectedExits,
        goal: { op: '==', value: 0 },
      },
      {
        id: 'concurrent-resume-refused',
        description: 'a second run --resume on a journal in use: refused in one line, exit 2 (1 = yes)',
        value: refused ? 1 : 0,
        goal: { op: '==', value: 1 },
      },
      {
        id: 'concurrent-resume-duplicates',
        description: 'journal lines beyond the cases after the concurrent attempt',
        value: afterConcurrent.lines - afterConcurrent.unique + (30 - afterConcurrent.unique),
        goal: { op: '==', value: 0 },
      },
    ]);
    expect({ kills, lost, duplicated, unexpectedExits, episodes: episodes > 0 }).toEqual({
      kills: 20,
      lost: 0,
      duplicated: 0,
      unexpectedExits: 0,
      episodes: true,
    });
    expect(second.stderr).toMatch(/^error\[AGENT_CICD_RESULTS_LOCKED\] .*report\.jsonl: another run \(pid \d+\)/);
    expect(refused).toBe(true);
    expect(firstCode).toBe(0);
    expect(afterConcurrent).toEqual({ lines: 30, unique: 30 });
  });

  it('refuses a resume with another seed, trials, tier or case order, in one line with exit 2', {
    timeout: 300_000,
  }, async () => {
    const dir = project(6, 0);
    const env = { AGENT_CICD_TIER: 'dev' };
    expect((await runCli(runArgs, { cwd: dir, env })).exitCode).toBe(0);
    const attempts: Array<[string[], RegExp]> = [
      [['--seed', '2'], /seed 2, the results file 1/],
      [['--trials', '3'], /trials 3, the results file none/],
      [['--tier', 'staging'], /tier "staging", the results file "dev"/],
    ];
    for (const [extra, message] of attempts) {
      const args = [...runArgs.filter((a, i, all) => !(a === '--seed' || all[i - 1] === '--seed')), '--resume'];
      // The staging tier builds a real client (never called: the resume is refused first).
      const result = await runCli([...args, ...(extra[0] === '--seed' ? [] : ['--seed', '1']), ...extra], {
        cwd: dir,
        env: { ...env, OPENAI_API_KEY: 'sk-test-never-used' },
      });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    writeSuite(dir, 6, (ids) => [...ids].reverse());
    const reordered = await runCli([...runArgs, '--resume'], { cwd: dir, env });
    expect(reordered.exitCode).toBe(2);
    expect(reordered.stderr).toMatch(/^error\[AGENT_CICD_RESUME_INVALID\] .*report\.jsonl:1.*reordered/);
    expect(reordered.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a schema-invalid journal line is one located error line', { timeout: 120_000 }, async () => {
    const dir = project(4, 0);
    const env = { AGENT_CICD_TIER: 'dev' };
    expect((await runCli(runArgs, { cwd: dir, env })).exitCode).toBe(0);
    const file = join(dir, 'out/report.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = (lines[2] as string).replace('"status":"passed"', '"status":"maybe"');
    writeFileSync(file, lines.join('\n'));
    const result = await runCli([...runArgs, '--resume'], { cwd: dir, env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error\[AGENT_CICD_RESUME_INVALID\] .*report\.jsonl:3:\d+ status: /);
  });

  it('checks --report and --results before the run starts', { timeout: 120_000 }, async () => {
    const dir = project(2, 0);
    mkdirSync(join(dir, 'out', 'report.json'), { recursive: true });
    const result = await runCli(runArgs, { cwd: dir, env: { AGENT_CICD_TIER: 'dev' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--report out\/report\.json: is a directory/);
    expect(existsSync(join(dir, 'out/report.jsonl'))).toBe(false);
    const same = await runCli([...runArgs.slice(0, 2), '--report', 'r.json', '--results', 'r.json'], { cwd: dir });
    expect(same.exitCode).toBe(2);
  });
});
