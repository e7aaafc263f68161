import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunReport, RunReportSchema } from '@agent-cicd/core';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

const tsx = createRequire(import.meta.url).resolve('tsx');
const cliBin = fileURLToPath(new URL('../../../cli/src/bin.ts', import.meta.url));

/** The most trials the fixture's agent saw in flight at once (it writes the number into its answer). */
function peakInFlight(report: RunReport | undefined): number {
  const cases = report?.suites.find((suite) => suite.name === 'latency')?.cases ?? [];
  expect(cases).toHaveLength(24);
  return Math.max(...cases.map((c) => Number(/in flight: (\d+)/.exec(c.responsePreview)?.[1] ?? 0)));
}

/** A suite whose mock model is right with probability 0.7, drawn per case and trial from the seed. */
async function addCoinSuite(root: string, config: string): Promise<void> {
  const cases = Array.from(
    { length: 30 },
    (_, i) => `  - { id: q${i}, userInput: question ${i}, trials: 3, expectedResponseKeywords: ["42"] }`,
  );
  await writeFile(
    join(root, 'coin.prompt.yaml'),
    `name: coin\nprompt: { name: support, version: v1 }\nthreshold: 0.5\ncases:\n${cases.join('\n')}\n`,
  );
  await writeFile(
    join(root, 'coin.mock.yaml'),
    "name: coin\nrules:\n  - when: { user: question }\n    probability: 0.7\n    respond: 'The answer is 42.'\n    otherwise: 'No idea.'\n",
  );
  await writeFile(join(root, 'agent-cicd.config.yaml'), config);
}

/** A report without what differs from run to run (ids, clocks, measured latencies). */
function comparable(suite: unknown): unknown {
  return JSON.parse(
    JSON.stringify(suite, (key, value) =>
      ['runId', 'createdAt', 'durationMs', 'latencyMs'].includes(key) ? undefined : value,
    ),
  );
}

describe.concurrent("a suite's cases run concurrently, bounded by the provider's concurrency", {
  timeout: 180_000,
}, () => {
  it("by default up to the provider's default of 8 at once (Vitest alone would run 5)", async () => {
    const run = await runFixture('concurrency');
    expect(run.exitCode, run.stderr).toBe(0);
    const peak = peakInFlight(run.reports['report.json']);
    expect(peak).toBeGreaterThan(5);
    expect(peak).toBeLessThanOrEqual(8);
  });

  it('with concurrency: 3, never more than 3', async () => {
    const run = await runFixture('concurrency', { plugin: { concurrency: 3 } });
    expect(run.exitCode, run.stderr).toBe(0);
    const peak = peakInFlight(run.reports['report.json']);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it("runs a case's trials concurrently too, under the worker's one limit shared by every case", async () => {
    const root = await copyFixture('concurrency');
    // Three cases of 5 trials: 15 trials, never more than 4 in flight in total (not 4 per case).
    const cases = [0, 1, 2].map(
      (i) => `  - { id: t${i}, userInput: case ${i}, trials: 5, expectedResponseKeywords: [in flight] }`,
    );
    await writeFile(
      join(root, 'latency.suite.yaml'),
      `name: latency\ntarget: { module: ./agent.mjs }\ncases:\n${cases.join('\n')}\n`,
    );
    const run = await runFixture('concurrency', { root, plugin: { concurrency: 4 } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const found = run.reports['report.json']?.suites.find((suite) => suite.name === 'latency')?.cases ?? [];
    expect(found.map((c) => c.trials.map((t) => t.trial))).toEqual([0, 1, 2].map(() => [0, 1, 2, 3, 4]));
    const seen = found.flatMap((c) => c.trials.map((t) => Number(/in flight: (\d+)/.exec(t.response)?.[1] ?? 0)));
    // More than the 3 cases (their trials overlap), never more than the one limit (not 4 per case).
    expect(Math.max(...seen)).toBe(4);
  });

  it("with llm.concurrency: 4, at most 4 across the suites, and the CLI's results for the same seed, in order", async () => {
    const root = await copyFixture('concurrency');
    await addCoinSuite(
      root,
      'manifest: prompts/manifest.yaml\nmock: { script: coin.mock.yaml, seed: 7 }\nllm: { concurrency: 4 }\n',
    );
    const [vitest, cli] = await Promise.all([
      runFixture('concurrency', { root }),
      new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          [
            '--conditions=@agent-cicd/source',
            '--import',
            tsx,
            cliBin,
            'run',
            'coin.prompt.yaml',
            '--report',
            'cli.json',
          ],
          { cwd: root, env: { ...process.env, CI: '1' } },
          (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        ),
      ),
    ]);
    expect(vitest.exitCode, vitest.stdout + vitest.stderr).toBe(0);
    expect(cli.code, cli.stderr).toBe(0);
    const report = vitest.reports['report.json'];
    const peak = peakInFlight(report);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);

    const coin = report?.suites.find((suite) => suite.name === 'coin');
    // Definition order, whatever order the concurrent cases finished in.
    expect(coin?.cases.map((c) => c.caseId)).toEqual(Array.from({ length: 30 }, (_, i) => `q${i}`));
    const statuses = coin?.cases.flatMap((c) => c.trials.map((t) => t.status)) ?? [];
    expect(new Set(statuses)).toEqual(new Set(['passed', 'failed']));
    const fromCli = RunReportSchema.parse(JSON.parse(await readFile(join(root, 'cli.json'), 'utf8'))).suites[0];
    expect(comparable(coin)).toEqual(comparable(fromCli));
  });
});
