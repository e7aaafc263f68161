import { relative } from 'node:path';
import type { CaseResult } from '@agent-cicd/core';
import type { TestModule } from 'vitest/node';
import type { CaseMeta, SuiteInfo } from '../runtime/case-meta.js';
import { erroredCase } from '../runtime/errored-case.js';

export { erroredCase };

/**
 * A case of the run: its result is in the journal (`recorded`), or at hand (`result`: in `task.meta`, or an error).
 * A recorded case of a test that ran several cases may have no `caseId` at hand (the journal has it); `missing` is
 * what to report if the journal does not have the case either (its test failed before it ended).
 */
export type CollectedCase =
  | { caseId?: string; index: number; recorded: true; missing?: string }
  | { caseId: string; result: CaseResult };

export interface CollectedSuite {
  /** `file` is relative to the Vitest root, so reports from different machines and shards compare equal. */
  info: SuiteInfo;
  /** In definition order. */
  cases: CollectedCase[];
}

export interface CollectedRun {
  suites: CollectedSuite[];
  /** The tier the cases ran on (the first one seen). */
  tier?: string;
  /** Failures that are not prompt cases (other tests, files that failed to load): they always fail the run. */
  otherFailures: string[];
}

/**
 * The prompt cases of the run from what the tests left in `task.meta` (where each result is, not the results),
 * grouped by suite in a stable order (file path, then definition order), whatever order they finished in.
 */
export function collectCases(modules: ReadonlyArray<TestModule>, root: string): CollectedRun {
  const suites = new Map<string, CollectedSuite>();
  const otherFailures: string[] = [];
  let tier: string | undefined;
  const sorted = [...modules].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  for (const module of sorted) {
    const file = relative(root, module.moduleId);
    for (const error of module.errors()) otherFailures.push(`${file}: ${error.message}`);
    for (const suite of module.children.allSuites()) {
      for (const error of suite.errors()) otherFailures.push(`${file} > ${suite.fullName}: ${error.message}`);
    }
    for (const test of module.children.allTests()) {
      const meta = test.meta().agentCicd;
      const result = test.result();
      if (!meta) {
        if (result.state === 'failed') otherFailures.push(`${file}: ${test.fullName}`);
        continue;
      }
      // A case the engine skipped (not evaluated) is recorded as `skipped`; one Vitest skipped (`.skip`, a filter) is not run.
      const engineSkipped = result.state === 'skipped' && (meta.result?.status ?? meta.status) === 'skipped';
      if ((result.state === 'skipped' && !engineSkipped) || result.state === 'pending') continue;
      tier ??= meta.tier;
      const info: SuiteInfo = { ...meta.suite, file: relative(root, meta.suite.file) };
      const key = `${info.file}\0${info.name}`;
      let suite = suites.get(key);
      if (!suite) {
        suite = { info, cases: [] };
        suites.set(key, suite);
      }
      if (meta.count !== undefined && meta.index !== undefined) {
        const failure = result.state === 'failed' ? result.errors[0]?.message : undefined;
        // One at a time: a large group spread into push() could overflow the stack.
        for (const entry of groupCases(meta, meta.index, meta.count, failure)) suite.cases.push(entry);
        continue;
      }
      if (meta.result) suite.cases.push({ caseId: meta.caseId, result: meta.result });
      else if (meta.recorded && meta.index !== undefined) {
        suite.cases.push({ caseId: meta.caseId, index: meta.index, recorded: true });
      } else {
        const message = result.state === 'failed' ? (result.errors[0]?.message ?? 'test failed') : 'no result';
        suite.cases.push({ caseId: meta.caseId, result: erroredCase(meta.caseId, message) });
      }
    }
  }
  // Same order as `agent-cicd report merge` writes, so a merged sharded run equals an unsharded one.
  const ordered = [...suites.values()].sort(
    (a, b) => a.info.file.localeCompare(b.info.file) || a.info.name.localeCompare(b.info.name),
  );
  return { suites: ordered, otherFailures, ...(tier === undefined ? {} : { tier }) };
}

/**
 * The cases of a test that ran several (`casesPerTest`), in order: from the journal when the test recorded them,
 * from `task.meta` without a journal; when the test failed before recording them all (its run context did not
 * load, Vitest stopped it), each one the journal does not have is an error with the test's message.
 */
function groupCases(meta: CaseMeta, start: number, count: number, failure: string | undefined): CollectedCase[] {
  const cases: CollectedCase[] = [];
  for (let k = 0; k < count; k++) {
    const index = start + k;
    const result = meta.results?.[k];
    const caseId = meta.caseIds?.[k];
    if (result) cases.push({ caseId: result.caseId, result });
    else if (meta.recorded) cases.push({ index, recorded: true });
    else
      cases.push({
        index,
        recorded: true,
        ...(caseId === undefined ? {} : { caseId }),
        missing: failure ?? 'no result',
      });
  }
  return cases;
}
