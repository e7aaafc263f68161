import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJudge } from '../judge/create-judge.js';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { RunReportSchema } from '../schema/report.js';
import { makeRunContext } from '../test-utils/make-run-context.js';
import { createMockTools } from '../tools/create-mock-tools.js';
import { retryingLlm } from './retrying-llm.js';
import type { RunnableCase } from './run-case.js';
import { runSuite, type SuiteToRun } from './run-suite.js';

const noSleep = async (): Promise<void> => {};

/** A model that answers correctly with probability 0.8, decided per case and trial by the seed. */
const coinFlip = (seed: number) =>
  createMockLlm(
    [{ when: { user: 'question' }, probability: 0.8, respond: 'The answer is 42.', otherwise: 'No idea.' }],
    { seed, sleep: noSleep },
  );

const questions = (n: number): SuiteToRun => ({
  suite: {
    name: 'coin',
    threshold: 0.7,
    cases: Array.from(
      { length: n },
      (_, i): RunnableCase => ({
        id: `q${i}`,
        userInput: `question ${i}`,
        expectedResponseKeywords: ['42'],
      }),
    ),
  },
  file: 'coin.prompt.yaml',
});

const statuses = (report: Awaited<ReturnType<typeof runSuite>>) =>
  report.suites.flatMap((suite) => suite.cases.map((c) => c.trials.map((t) => t.status).join(',')));

describe('runSuite', () => {
  it('a model right with probability 0.8 gives a pass rate whose Wilson interval contains 0.8, reproducibly', async () => {
    const run = (seed: number, concurrency: number) =>
      runSuite({ suites: [questions(100)], context: makeRunContext({ llm: coinFlip(seed) }), trials: 3, concurrency });
    const report = await run(7, 1);
    expect(RunReportSchema.parse(report)).toEqual(report);
    const suite = report.suites[0];
    expect(suite?.counts.trials).toBe(300);
    expect(suite?.interval.low).toBeLessThan(0.8);
    expect(suite?.interval.high).toBeGreaterThan(0.8);
    expect(suite?.passRate).not.toBe(1);
    expect(report.status).toBe('complete');

    const again = await run(7, 16);
    expect(statuses(again)).toEqual(statuses(report));
    expect(again.suites[0]?.passRate).toBe(suite?.passRate);
    expect(statuses(await run(8, 4))).not.toEqual(statuses(report));
  });

  it('computes pass^k and pass@k per case', async () => {
    const report = await runSuite({
      suites: [questions(20)],
      context: makeRunContext({ llm: coinFlip(1) }),
      trials: 4,
    });
    for (const result of report.suites[0]?.cases ?? []) {
      const passed = result.trials.filter((t) => t.status === 'passed').length;
      expect(result.passRate).toBe(passed / 4);
      expect(result.passHatK).toBe(passed === 4 ? 1 : 0);
      expect(result.passAtK).toBe(passed > 0 ? 1 : 0);
    }
  });

  it('an LLM 500 after retries is an error with a readable violation, never a pass', async () => {
    const failing = createMockLlm([{ respond: { error: { kind: 'server' } } }], { sleep: noSleep });
    const llm = retryingLlm(failing, { retries: 2, sleep: noSleep });
    const report = await runSuite({ suites: [questions(1)], context: makeRunContext({ llm }) });
    const result = report.suites[0]?.cases[0];
    expect(result?.status).toBe('error');
    expect(result?.passed).toBe(false);
    expect(result?.violations).toHaveLength(1);
    expect(result?.violations[0]).toMatchObject({ check: 'llm_error', severity: 'error' });
    expect(result?.violations[0]?.message).toMatch(/^the model call failed: .*gave up after 3 attempts/);
    expect(report.suites[0]?.passed).toBe(false);
    expect(report.suites[0]?.counts.errored).toBe(1);
  });

  it('a tool schema violation fails the case with a readable violation', async () => {
    const llm = createMockLlm(
      [
        { when: { toolResult: true }, respond: 'Done.' },
        { respond: { toolCalls: [{ name: 'lookup_order', arguments: { orderId: 42 } }] } },
      ],
      { sleep: noSleep },
    );
    const tools = createMockTools([
      {
        name: 'lookup_order',
        parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
        responses: [{ result: 'shipped' }],
      },
    ]);
    const report = await runSuite({
      suites: [{ suite: { name: 's', cases: [{ id: 'c', userInput: 'where is my order' }] } }],
      context: makeRunContext({ llm, tools }),
    });
    const result = report.suites[0]?.cases[0];
    expect(result?.status).toBe('failed');
    expect(result?.violations).toEqual([
      {
        check: 'tool_schema',
        message: 'the agent called tool "lookup_order" with invalid arguments: orderId must be string',
        severity: 'failure',
      },
    ]);
  });

  it("counts the judge's calls against the budget (--max-calls), not only the agent's", async () => {
    const llm = createMockLlm(
      [
        {
          when: { promptVersion: 'judge@v1' },
          respond: {
            toolCalls: [{ name: 'submit_verdict', arguments: { score: 1, pass: true, reason: 'Answers 42.' } }],
          },
        },
        { respond: 'The answer is 42.' },
      ],
      { sleep: noSleep },
    );
    const cases = Array.from({ length: 5 }, (_, i) => ({
      id: `c${i}`,
      userInput: 'q',
      expectedBehavior: 'Answers 42',
    }));
    const report = await runSuite({
      suites: [{ suite: { name: 's', cases } }],
      context: makeRunContext({ llm, judge: createJudge({ llm }) }),
      concurrency: 1,
      budget: { maxCalls: 4 },
    });
    // One agent call and one judge call a case: the budget of 4 calls holds two cases, not four.
    expect(report.status).toBe('budget_exceeded');
    expect(report.suites[0]?.cases.map((c) => [c.caseId, c.status])).toEqual([
      ['c0', 'passed'],
      ['c1', 'passed'],
    ]);
  });

  it('a malformed judge reply is a judge_error, never a pass', async () => {
    const llm = createMockLlm(
      [
        {
          when: { promptVersion: 'judge@v1' },
          respond: { toolCalls: [{ name: 'submit_verdict', arguments: { score: 'high' } }] },
        },
        { respond: 'The answer is 42.' },
      ],
      { sleep: noSleep },
    );
    const report = await runSuite({
      suites: [{ suite: { name: 's', cases: [{ id: 'c', userInput: 'q', expectedBehavior: 'Answers 42' }] } }],
      context: makeRunContext({ llm, judge: createJudge({ llm }) }),
    });
    const result = report.suites[0]?.cases[0];
    expect(result?.status).toBe('error');
    expect(result?.score).toBeUndefined();
    expect(result?.violations[0]?.check).toBe('judge_error');
    expect(result?.violations[0]?.message).toMatch(/^the judge gave no valid verdict in 3 attempts: the verdict/);
  });

  it('streams each finished case to JSONL and stops with budget_exceeded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-run-'));
    const resultsFile = join(dir, 'out', 'results.jsonl');
    const report = await runSuite({
      suites: [questions(10)],
      context: makeRunContext({ llm: coinFlip(1) }),
      resultsFile,
      concurrency: 1,
      budget: { maxCalls: 4 },
    });
    expect(report.status).toBe('budget_exceeded');
    expect(report.statusReason).toBe('the run reached its budget of 4 model calls');
    expect(report.totals.counts.cases).toBe(4);
    const lines = readFileSync(resultsFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ type: 'run', tier: 'dev', suites: [{ name: 'coin', cases: 10 }] });
    expect(lines.slice(1).map((line) => line.result.caseId)).toEqual(['q0', 'q1', 'q2', 'q3']);

    const resumed = await runSuite({
      suites: [questions(10)],
      context: makeRunContext({ llm: coinFlip(1) }),
      resultsFile,
      resume: true,
    });
    expect(resumed.status).toBe('complete');
    expect(resumed.runId).toBe(report.runId);
    const full = await runSuite({ suites: [questions(10)], context: makeRunContext({ llm: coinFlip(1) }) });
    expect(statuses(resumed)).toEqual(statuses(full));
    expect(readFileSync(resultsFile, 'utf8').trim().split('\n')).toHaveLength(11);
  });

  it('an aborted run is incomplete and keeps the cases that finished', async () => {
    const controller = new AbortController();
    const report = await runSuite({
      suites: [questions(50)],
      context: makeRunContext({ llm: coinFlip(1) }),
      concurrency: 2,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done === 10) controller.abort(new Error('interrupted by SIGINT'));
      },
    });
    expect(report.status).toBe('incomplete');
    expect(report.statusReason).toMatch(/^stopped after 1\d of 50 cases: interrupted by SIGINT$/);
    expect(report.totals.counts.cases).toBeGreaterThanOrEqual(10);
    expect(report.totals.counts.cases).toBeLessThan(50);
  });

  it('starts as many cases at once as the provider takes (context.concurrency) unless told otherwise', async () => {
    let inFlight = 0;
    let peak = 0;
    const target = {
      kind: 'module' as const,
      async run() {
        peak = Math.max(peak, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return 'The answer is 42.';
      },
    };
    const context = { ...makeRunContext({ llm: coinFlip(1), target }), concurrency: 3 };
    await runSuite({ suites: [questions(12)], context });
    expect(peak).toBe(3);
    peak = 0;
    await runSuite({ suites: [questions(12)], context, concurrency: 5 });
    expect(peak).toBe(5);
  });
});
