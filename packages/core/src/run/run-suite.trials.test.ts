import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCassetteClient } from '../cassette/create-cassette-client.js';
import type { LlmClient } from '../llm/types.js';
import { createMockLlm } from '../mock/create-mock-llm.js';
import type { RunReport } from '../schema/report.js';
import type { Target } from '../targets/target.js';
import { makeRunContext } from '../test-utils/make-run-context.js';
import type { RunnableCase } from './run-case.js';
import { runSuite, type SuiteToRun } from './run-suite.js';

const noSleep = async (): Promise<void> => {};
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const suiteOf = (cases: number, trials?: number): SuiteToRun => ({
  suite: {
    name: 'trials',
    threshold: 0.5,
    cases: Array.from(
      { length: cases },
      (_, i): RunnableCase => ({
        id: `q${i}`,
        userInput: `question ${i}`,
        expectedResponseKeywords: ['42'],
        ...(trials === undefined ? {} : { trials }),
      }),
    ),
  },
  file: 'trials.prompt.yaml',
});

const withTrials = ({ suite, file }: SuiteToRun, trials: number[]): SuiteToRun => ({
  suite: { ...suite, cases: suite.cases.map((testCase, i) => ({ ...testCase, trials: trials[i] ?? 1 })) },
  ...(file === undefined ? {} : { file }),
});

/** A module target counting the trials in flight; each waits a few event-loop turns (no timers). */
function countingTarget(): { target: Target; peak: () => number } {
  let inFlight = 0;
  let peak = 0;
  return {
    peak: () => peak,
    target: {
      kind: 'module',
      async run() {
        peak = Math.max(peak, ++inFlight);
        for (let i = 0; i < 5; i++) await tick();
        inFlight--;
        return 'The answer is 42.';
      },
    },
  };
}

/** A seeded model right with probability 0.7; later trials answer first, so trials finish out of order. */
function reversedCoinFlip(seed: number): LlmClient {
  const inner = createMockLlm(
    [{ when: { user: 'question' }, probability: 0.7, respond: 'The answer is 42.', otherwise: 'No idea.' }],
    { seed, sleep: noSleep },
  );
  return {
    provider: inner.provider,
    async complete(request) {
      const trial = Number(request.metadata?.trial ?? 0);
      for (let i = 0; i < 10 - trial; i++) await tick();
      return inner.complete(request);
    },
  };
}

/** The report as JSON without what differs between two runs by design: the run id and measured latencies. */
const comparable = (report: RunReport): string =>
  JSON.stringify(report, (key, value) => (key === 'runId' || /latenc/i.test(key) ? undefined : value));

describe('runSuite: trials run concurrently under one limit', () => {
  it('runs the trials of one case at once, never more than the limit', async () => {
    const { target, peak } = countingTarget();
    const report = await runSuite({
      suites: [suiteOf(1, 5)],
      context: makeRunContext({ llm: createMockLlm([{ respond: 'unused' }], { sleep: noSleep }), target }),
      concurrency: 3,
    });
    expect(report.suites[0]?.cases[0]?.trials.map((t) => t.trial)).toEqual([0, 1, 2, 3, 4]);
    expect(peak()).toBeGreaterThan(1);
    expect(peak()).toBeLessThanOrEqual(3);
  });

  it('shares the limit across cases: never more than `concurrency` trials in flight in the whole run', async () => {
    const { target, peak } = countingTarget();
    const report = await runSuite({
      suites: [suiteOf(6, 5)],
      context: {
        ...makeRunContext({ llm: createMockLlm([{ respond: 'unused' }], { sleep: noSleep }), target }),
        concurrency: 4,
      },
    });
    expect(report.totals.counts.trials).toBe(30);
    expect(peak()).toBe(4);
  });

  it('gives the same results and report as a sequential run for the same seed', async () => {
    const run = (concurrency: number) =>
      runSuite({
        suites: [suiteOf(12)],
        context: { ...makeRunContext({ llm: reversedCoinFlip(11) }), clock: () => 0 },
        trials: 5,
        concurrency,
        now: () => 0,
      });
    const sequential = await run(1);
    const concurrent = await run(8);
    expect(sequential.suites[0]?.cases[0]?.trials.map((t) => t.trial)).toEqual([0, 1, 2, 3, 4]);
    const statuses = sequential.suites[0]?.cases.flatMap((c) => c.trials.map((t) => t.status)) ?? [];
    expect(new Set(statuses)).toEqual(new Set(['passed', 'failed'])); // the seed gives both outcomes
    expect(comparable(concurrent)).toBe(comparable(sequential));
  });

  it('records a cassette with concurrent trials byte for byte as a sequential run does', async () => {
    const record = async (concurrency: number): Promise<Record<string, string>> => {
      const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-trials-cassette-'));
      // Every trial sends the same request; which answer the file keeps must not depend on which finished last.
      const llm = createCassetteClient({ inner: reversedCoinFlip(5), mode: 'record', dir });
      await runSuite({ suites: [suiteOf(4)], context: makeRunContext({ llm }), trials: 6, concurrency });
      return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
    };
    const sequential = await record(1);
    expect(Object.keys(sequential)).toHaveLength(4);
    expect(await record(6)).toEqual(sequential);
  });

  it('an abort while a case has trials in flight records nothing of that case', async () => {
    const controller = new AbortController();
    const resultsFile = join(mkdtempSync(join(tmpdir(), 'agent-cicd-trials-abort-')), 'results.jsonl');
    const target: Target = {
      kind: 'module',
      async run(input, ctx) {
        if (input.caseId === 'q0' || input.trial !== 3) return 'The answer is 42.';
        // Trial 3 of q1 only ends when the run is aborted; its siblings have finished by then.
        return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      },
    };
    const report = await runSuite({
      suites: [withTrials(suiteOf(2), [1, 5])],
      context: makeRunContext({ llm: createMockLlm([{ respond: 'unused' }], { sleep: noSleep }), target }),
      concurrency: 5,
      resultsFile,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.result.caseId === 'q0') setImmediate(() => controller.abort(new Error('interrupted')));
      },
    });
    expect(report.status).toBe('incomplete');
    expect(report.suites[0]?.cases.map((c) => c.caseId)).toEqual(['q0']);
    const lines = readFileSync(resultsFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2); // the header and q0
    expect(lines.slice(1).join('\n')).not.toContain('"q1"');
  });
});
