import { createHash, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../cassette/canonical-json.js';
import type { CaseResult, RunReport } from '../schema/report.js';
import { type BudgetExceededError, type BudgetMeter, createBudgetMeter, type RunBudget } from './budget-meter.js';
import { buildRunReport } from './build-run-report.js';
import { createResultRedactor } from './create-result-redactor.js';
import { type RunnableCase, runCase } from './run-case.js';
import type { RunContext, SuiteRef } from './run-context.js';
import { type JournalEntry, openRunJournal, type RunFingerprint, type RunJournal } from './run-journal.js';
import { createSuiteAccumulator, type SuiteAccumulator, summarizeSuite } from './summarize-suite.js';
import { createTrialLimiter } from './trial-limiter.js';

/** A suite as loaded (`loadSuiteFile` returns this shape). */
export interface SuiteToRun {
  suite: SuiteRef & { cases: RunnableCase[]; threshold?: number };
  file?: string;
}

/** Emitted after each finished case. */
export interface RunProgress {
  done: number;
  total: number;
  passed: number;
  failed: number;
  errored: number;
  /** Cases not evaluated (`--no-judge` on cases with only model-graded checks). */
  skipped: number;
  suite: string;
  result: CaseResult;
}

export interface RunSuiteOptions {
  suites: SuiteToRun[];
  context: RunContext;
  /** Trials per case, overriding the cases' own. */
  trials?: number;
  /**
   * Trials running at once across the whole run (one limit, shared by every case), and cases in progress at once.
   * @default the provider's concurrency (`context.concurrency`), else 4
   */
  concurrency?: number;
  /** JSONL file each finished case is appended to. */
  resultsFile?: string;
  /** Continue the run recorded in `resultsFile`: finished cases are kept, the rest run. @default false */
  resume?: boolean;
  budget?: RunBudget;
  /** Aborting stops the run: in-flight cases are dropped and the report is `incomplete`. */
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Keep case results in the report; `false` keeps only totals in memory (they are in `resultsFile`). @default true */
  keepResults?: boolean;
  subject?: Record<string, string>;
  /** @default Date.now */
  now?: () => number;
}

/** What a resume must match: every suite's content and case ids in order, tier, trials, seed and model. */
function runFingerprint(options: RunSuiteOptions, context: RunContext): RunFingerprint {
  return {
    tier: context.tier,
    trials: options.trials ?? null,
    seed: context.seed ?? null,
    model: context.settings.model ?? null,
    skipJudge: context.skipJudge ?? false,
    suites: options.suites.map(({ suite, file }) => ({
      name: suite.name,
      file: file ?? null,
      hash: createHash('sha256').update(canonicalJson(suite)).digest('hex'),
      caseIds: suite.cases.map((testCase) => testCase.id),
    })),
  };
}

interface Job {
  suite: number;
  index: number;
  testCase: RunnableCase;
}

/** The context with every model client counted by `meter`: the agent's, the judge's (see `Judge.withClient`), the grader's. */
function budgetedContext(context: RunContext, meter: BudgetMeter): RunContext {
  const wrap = meter.wrap;
  return {
    ...context,
    llm: wrap(context.llm),
    ...(context.judge ? { judge: context.judge.withClient?.(wrap) ?? context.judge } : {}),
    ...(context.grader ? { grader: { ...context.grader, llm: wrap(context.grader.llm) } } : {}),
  };
}

/**
 * Runs suites: cases and their trials concurrently — at most `concurrency` trials in flight in the whole run
 * (one shared limit) and `concurrency` cases in progress — every finished case
 * appended to `resultsFile` and reported through `onProgress`. Stops early on abort (`incomplete`) or when
 * the budget is spent (`budget_exceeded`); finished cases are never lost and `resume` continues the run.
 * Cases are listed in suite order whatever order they finished in, so a resumed run's report equals an
 * uninterrupted one's (timings aside).
 */
export async function runSuite(options: RunSuiteOptions): Promise<RunReport> {
  // Resolve every suite's target first: a missing prompt version or module is invalid input, found before any case runs.
  for (const { suite, file } of options.suites) await options.context.resolveTarget(suite, file);
  const now = options.now ?? Date.now;
  const keepResults = options.keepResults ?? true;
  const controller = new AbortController();
  // Every in-flight case (and its model and tool calls) listens to this signal.
  setMaxListeners(0, controller.signal);
  const stopOnParent = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stopOnParent, { once: true });
  if (options.signal?.aborted) stopOnParent();
  let budgetReason: BudgetExceededError | undefined;
  const meter =
    options.budget &&
    createBudgetMeter(options.budget, (reason) => {
      budgetReason ??= reason;
      controller.abort(reason);
    });
  const context: RunContext = meter ? budgetedContext(options.context, meter) : options.context;

  const startedAt = new Date(now());
  const header = {
    type: 'run' as const,
    runId: randomUUID(),
    startedAt: startedAt.toISOString(),
    tier: context.tier,
    ...(options.trials === undefined ? {} : { trials: options.trials }),
    suites: options.suites.map(({ suite, file }) => ({
      name: suite.name,
      ...(file === undefined ? {} : { file }),
      cases: suite.cases.length,
    })),
    fingerprint: runFingerprint(options, context),
  };
  let journal: RunJournal | undefined;
  if (options.resultsFile) {
    mkdirSync(dirname(options.resultsFile), { recursive: true });
    journal = openRunJournal(options.resultsFile, header, { resume: options.resume ?? false });
  }
  const effectiveStart = journal ? new Date(journal.header.startedAt) : startedAt;

  const accumulators: SuiteAccumulator[] = options.suites.map(({ suite, file }) =>
    createSuiteAccumulator({
      name: suite.name,
      ...(file === undefined ? {} : { file }),
      ...(suite.threshold === undefined ? {} : { threshold: suite.threshold }),
    }),
  );
  const kept: Array<Array<CaseResult | undefined>> = options.suites.map(({ suite }) => new Array(suite.cases.length));
  const finished = new Set<string>();
  const counts = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  const total = options.suites.reduce((sum, { suite }) => sum + suite.cases.length, 0);
  const record = (entry: Omit<JournalEntry, 'type'>): void => {
    const key = `${entry.suite}:${entry.index}`;
    if (finished.has(key)) return; // never counted twice
    finished.add(key);
    accumulators[entry.suite]?.add(entry.result);
    if (keepResults) (kept[entry.suite] as Array<CaseResult | undefined>)[entry.index] = entry.result;
    if (entry.result.status === 'passed') counts.passed++;
    else if (entry.result.status === 'failed') counts.failed++;
    else if (entry.result.status === 'skipped') counts.skipped++;
    else counts.errored++;
  };
  for (const entry of journal?.done ?? []) record(entry);

  const jobs: Job[] = options.suites.flatMap(({ suite }, s) =>
    suite.cases.flatMap((testCase, index) => (finished.has(`${s}:${index}`) ? [] : [{ suite: s, index, testCase }])),
  );
  const concurrency = Math.max(1, options.concurrency ?? options.context.concurrency ?? 4);
  // One limit for every trial of the run; the case workers below only bound how many cases are in memory.
  const limiter = createTrialLimiter(concurrency);
  const runJob = async (job: Job): Promise<void> => {
    const { suite, file } = options.suites[job.suite] as SuiteToRun;
    let result: CaseResult;
    try {
      result = await runCase({
        testCase: job.testCase,
        suite,
        ...(file === undefined ? {} : { file }),
        context,
        ...(options.trials === undefined ? {} : { trials: options.trials }),
        signal: controller.signal,
        limiter,
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      controller.abort(error); // an unexpected failure: stop the other workers, then report it
      throw error;
    }
    // A case that finished while the run was being stopped still counts: it is complete.
    const entry = { suite: job.suite, index: job.index, result };
    journal?.append(entry);
    record(entry);
    options.onProgress?.({ done: finished.size, total, ...counts, suite: suite.name, result });
  };
  // A fixed pool of workers pulling the next case: memory does not grow with the number of cases.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!controller.signal.aborted && next < jobs.length) {
      const job = jobs[next++] as Job;
      await runJob(job);
    }
  };
  try {
    const workers = Math.max(1, Math.min(concurrency, jobs.length));
    const settled = await Promise.allSettled(Array.from({ length: workers }, worker));
    const failure = settled.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    journal?.close();
    options.signal?.removeEventListener('abort', stopOnParent);
  }

  const complete = finished.size === total;
  const status = complete ? 'complete' : budgetReason ? 'budget_exceeded' : 'incomplete';
  const reason = controller.signal.reason;
  return buildRunReport({
    // With the cases at hand, summarise them in suite order so totals do not depend on finishing order.
    suites: accumulators.map((accumulator, s) => {
      if (!keepResults) return accumulator.result();
      const { suite, file } = options.suites[s] as SuiteToRun;
      return summarizeSuite(
        (kept[s] ?? []).filter((r): r is CaseResult => r !== undefined),
        {
          name: suite.name,
          ...(file === undefined ? {} : { file }),
          ...(suite.threshold === undefined ? {} : { threshold: suite.threshold }),
        },
      );
    }),
    status,
    ...(complete
      ? {}
      : {
          statusReason: (options.context.redact ?? createResultRedactor())(
            budgetReason
              ? budgetReason.message
              : `stopped after ${finished.size} of ${total} cases: ${reason instanceof Error ? reason.message : String(reason ?? 'aborted')}`,
          ),
        }),
    startedAt: effectiveStart,
    durationMs: Math.max(0, now() - startedAt.getTime()),
    runId: journal?.header.runId ?? header.runId,
    tier: context.tier,
    ...(context.skipJudge ? { options: { skipJudge: true } } : {}),
    ...(options.subject === undefined ? {} : { subject: options.subject }),
    latencies: accumulators.flatMap((accumulator) => accumulator.latencies),
    now,
  });
}
