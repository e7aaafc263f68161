import { relative } from 'node:path';
import { runCase } from '@agent-cicd/core';
import { recordCase } from './case-journal.js';
import type { CaseTestContext, VitestTestContext } from './case-test-context.js';
import { describeFailure } from './describe-failure.js';
import { sharedRunContext } from './shared-run-context.js';
import { sharedTrialLimiter } from './shared-trial-limiter.js';

/**
 * The body of a one-case test: runs the case's trials concurrently through the engine's `runCase`, under the
 * worker's one trial limit, and records the result in the run's journal (or `task.meta` without one). A skipped
 * case (`judge: false` on a case with only model-graded checks) is a Vitest-skipped test. A case that did not
 * pass throws, so Vitest shows it as failed even when its suite meets its threshold; the reporter decides the
 * exit code (docs/decisions.md).
 */
export async function runCaseTest(shared: CaseTestContext, index: number, test: VitestTestContext): Promise<void> {
  const { info, provided } = shared;
  const { task, signal, skip } = test;
  const caseId = shared.idAt(index);
  task.meta.agentCicd = { suite: info, caseId, index };
  const context = await sharedRunContext(provided);
  const limiter = sharedTrialLimiter(provided.concurrency ?? context.concurrency ?? 8);
  const testCase = shared.caseAt(index);
  const result = await runCase({ testCase, suite: shared.suite, file: info.file, context, signal, limiter });
  const tier = context.tier;
  if (provided.journalDir === undefined) task.meta.agentCicd = { suite: info, caseId, index, tier, result };
  else {
    recordCase(provided.journalDir, { suite: info, index, caseId, tier, result });
    task.meta.agentCicd = { suite: info, caseId, index, tier, recorded: true, status: result.status };
  }
  // Not evaluated (the judge is skipped and the case has nothing else to check): a skipped test, not a pass.
  if (result.status === 'skipped') skip(result.skipReason);
  if (!result.passed) {
    // Run one per case (`-t` on a grouped file), the error's frame is the group's first case: say where this one is.
    const where = shared.pointsAt(index)
      ? ''
      : `${relative(provided.root, info.file) || info.file}:${shared.lineAt(index)}: `;
    const error = shared.makeError(index, `${where}${describeFailure(result)}`);
    error.name = result.status === 'error' ? 'PromptCaseError' : 'PromptCaseFailure';
    throw error;
  }
}
