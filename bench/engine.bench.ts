// The suite runner's own cost: harness overhead per case, concurrency efficiency against the ideal
// N × L / C, and memory of a 10,000-case run against a 1,000-case run (results stream to a JSONL file).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMockLlm,
  createPromptTarget,
  createToolRegistry,
  type RunContext,
  type RunnableCase,
  runSuite,
} from '@agent-cicd/core';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-bench-'));

function context(latencyMs: number): RunContext {
  const llm = createMockLlm([
    { respond: latencyMs > 0 ? { text: 'Your refund is on its way.', latencyMs } : 'Your refund is on its way.' },
  ]);
  const target = createPromptTarget({
    prompt: { name: 'support', version: 'v1', template: 'You are a support agent.' },
    render: (template) => template,
  });
  return {
    cwd: dir,
    tier: 'dev',
    llm,
    tools: createToolRegistry({ tools: [] }),
    settings: { temperature: 0 },
    resolveTarget: async () => target,
  };
}

function suite(n: number) {
  const cases: RunnableCase[] = Array.from({ length: n }, (_, i) => ({
    id: `case-${i}`,
    userInput: `Where is my refund for order ${i}?`,
    expectedResponseKeywords: ['refund'],
    forbiddenKeywords: ['/sorry/i'],
    maxTokensLimit: 100,
  }));
  return { suite: { name: 'bench', threshold: 0.9, cases } };
}

async function timed(
  n: number,
  latencyMs: number,
  concurrency: number,
  file?: string,
  onCase?: (done: number) => void,
) {
  const started = performance.now();
  const report = await runSuite({
    suites: [suite(n)],
    context: context(latencyMs),
    concurrency,
    keepResults: false,
    ...(file ? { resultsFile: join(dir, file) } : {}),
    ...(onCase ? { onProgress: (p: { done: number }) => onCase(p.done) } : {}),
  });
  if (report.totals.counts.passed !== n) throw new Error(`bench run failed: ${JSON.stringify(report.totals.counts)}`);
  return performance.now() - started;
}

/** Peak heap (after a forced gc, sampled every 500 finished cases) and peak RSS while `n` cases run. */
async function memory(n: number) {
  gc();
  const before = process.memoryUsage();
  let peakHeapAfterGc = before.heapUsed;
  let peakRss = before.rss;
  await timed(n, 0, 50, `memory-${n}.jsonl`, (done) => {
    if (done % 500 !== 0) return;
    gc();
    const now = process.memoryUsage();
    peakHeapAfterGc = Math.max(peakHeapAfterGc, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  });
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return {
    cases: n,
    peakHeapAfterGcMb: mb(peakHeapAfterGc),
    peakRssMb: mb(peakRss),
    heapGrowthMb: mb(peakHeapAfterGc - before.heapUsed),
  };
}

/** The same latency and concurrency with no harness: mock calls from a worker pool (machine timer/CPU noise). */
async function baseline(n: number, latencyMs: number, concurrency: number) {
  const llm = createMockLlm([{ respond: { text: 'Your refund is on its way.', latencyMs } }]);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        await llm.complete({ messages: [{ role: 'user', content: 'Where is my refund?' }] });
      }
    }),
  );
  return performance.now() - started;
}

await timed(200, 0, 1); // warm-up (JIT, module loading)
const overheadCases = 2000;
const overheadMs = await timed(overheadCases, 0, 1, 'overhead.jsonl');

const n = 1000;
const latency = 50;
const concurrency = 50;
const measuredMs = await timed(n, latency, concurrency);
const idealMs = (n * latency) / concurrency;
const baselineMs = await baseline(n, latency, concurrency);

const small = await memory(1000);
const large = await memory(10_000);
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    harnessOverheadPerCaseMs: Math.round((overheadMs / overheadCases) * 1000) / 1000,
    overheadSetup: `${overheadCases} cases, zero-latency mock, concurrency 1, keyword/token checks, JSONL streaming`,
    concurrency: {
      cases: n,
      simulatedLatencyMs: latency,
      concurrency,
      idealMs,
      measuredMs: Math.round(measuredMs),
      efficiency: Math.round((idealMs / measuredMs) * 1000) / 1000,
      goal: 0.9,
      mockOnlyEfficiency: Math.round((idealMs / baselineMs) * 1000) / 1000,
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      cpus: availableParallelism(),
    },
    memory: {
      small,
      large,
      peakHeapRatio10kTo1k: Math.round((large.peakHeapAfterGcMb / small.peakHeapAfterGcMb) * 100) / 100,
    },
  }),
);
