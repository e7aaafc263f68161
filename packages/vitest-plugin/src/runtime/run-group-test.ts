import { relative } from 'node:path';
import { type CaseResult, runCase } from '@agent-cicd/core';
import { recordCase } from './case-journal.js';
import type { CaseMeta } from './case-meta.js';
import type { CaseTestContext, VitestTestContext } from './case-test-context.js';
import type { CaseGroup } from './cases-per-test.js';
import { describeFailure } from './describe-failure.js';
import { describeGroupFailure, type GroupFailure } from './describe-group-failure.js';
import { erroredCase } from './errored-case.js';
import { sharedCaseGate } from './shared-case-gate.js';
import { sharedRunContext } from './shared-run-context.js';
import { sharedTrialLimiter } from './shared-trial-limiter.js';

/**
 * The status a group's test stands for: skipped only when every case was, else its worst case's (`error` before
 * `failed`, as core's `caseStatusOf` ranks them).
 */
function groupStatus(statuses: Set<CaseResult['status']>): CaseResult['status'] {
  if (statuses.size === 1 && statuses.has('skipped')) return 'skipped';
  if (statuses.has('error')) return 'error';
  if (statuses.has('failed')) return 'failed';
  return 'passed';
}

/**
 * The body of a test running a group of consecutive cases (`casesPerTest`): its cases run concurrently, as many
 * at once across the worker's groups as the trial limit (`sharedCaseGate`), each case's trials under the worker's
 * one trial limit (as one-case tests share it), each result journaled as it ends. Each case keeps `caseTimeout`
 * from when it starts; a case that times out or cannot run is recorded as an error, so the report has every case. The test fails when a case failed or errored,
 * with the error built on the first such case's line and a message naming each one at its `file:line`; it is a
 * Vitest-skipped test when every case was skipped (not evaluated).
 */
export async function runGroupTest(shared: CaseTestContext, group: CaseGroup, test: VitestTestContext): Promise<void> {
  const { info, provided } = shared;
  const { task, skip } = test;
  const indexes = Array.from({ length: group.count }, (_, k) => group.start + k);
  const base: CaseMeta = { suite: info, caseId: shared.idAt(group.start), index: group.start, count: group.count };
  // Until the cases are recorded, the meta names them: a test that fails before (its tier's config does not load,
  // Vitest stopped it) still gives the reporter every case id. Dropped once recorded (memory of main's task tree).
  task.meta.agentCicd = { ...base, caseIds: indexes.map((index) => shared.idAt(index)) };
  const context = await sharedRunContext(provided);
  const concurrency = provided.concurrency ?? context.concurrency ?? 8;
  const limiter = sharedTrialLimiter(concurrency);
  const gate = sharedCaseGate(concurrency);
  const statuses = new Set<CaseResult['status']>();
  const notPassed: Array<{ index: number; result: CaseResult }> = [];
  const results: CaseResult[] = [];
  let skipReason: string | undefined;
  const running = new Set<AbortController>();
  const runOne = async (index: number): Promise<void> => {
    const caseId = shared.idAt(index);
    // The case's own timeout, from when it starts (not while it waits for the gate).
    const abort = new AbortController();
    if (test.signal.aborted) abort.abort(test.signal.reason);
    running.add(abort);
    const timer = setTimeout(
      () => abort.abort(new Error(`case timed out after ${provided.caseTimeout} ms (caseTimeout)`)),
      provided.caseTimeout,
    );
    let result: CaseResult;
    try {
      const testCase = shared.caseAt(index);
      result = await runCase({
        testCase,
        suite: shared.suite,
        file: info.file,
        context,
        signal: abort.signal,
        limiter,
      });
    } catch (error) {
      result = erroredCase(caseId, error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      running.delete(abort);
    }
    if (provided.journalDir === undefined) results[index - group.start] = result;
    else recordCase(provided.journalDir, { suite: info, index, caseId, tier: context.tier, result });
    statuses.add(result.status);
    if (result.status === 'skipped') skipReason ??= result.skipReason;
    else if (!result.passed) notPassed.push({ index, result });
  };
  // Vitest stopping the test stops its running cases: one listener for the group, not one per case (each case
  // listening, or `AbortSignal.any`, piles listeners or dependent signals on the test's signal).
  const stopAll = (): void => {
    for (const abort of running) abort.abort(test.signal.reason);
  };
  test.signal.addEventListener('abort', stopAll, { once: true });
  try {
    await Promise.all(indexes.map((index) => gate(() => runOne(index))));
  } finally {
    test.signal.removeEventListener('abort', stopAll);
  }
  const status = groupStatus(statuses);
  const tier = context.tier;
  task.meta.agentCicd =
    provided.journalDir === undefined ? { ...base, tier, status, results } : { ...base, tier, recorded: true, status };
  if (status === 'skipped') skip(skipReason);
  if (notPassed.length === 0) return;
  notPassed.sort((a, b) => a.index - b.index);
  const file = relative(provided.root, info.file) || info.file;
  const failures: GroupFailure[] = notPassed.map(({ index, result }) => ({
    result,
    location: `${file}:${shared.lineAt(index)}`,
  }));
  const first = notPassed[0] as { index: number };
  // A group of one (a file's last, shorter group) reads like a one-case test: its error is on the case's line.
  const message =
    group.count === 1 && failures[0]
      ? describeFailure(failures[0].result)
      : describeGroupFailure(failures, group.count);
  const error = shared.makeError(first.index, message);
  error.name = notPassed.some(({ result }) => result.status === 'failed') ? 'PromptCaseFailure' : 'PromptCaseError';
  throw error;
}
