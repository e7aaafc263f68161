import { type ModuleImporter, type PromptTestCase, runCase, type Suite } from '@agent-cicd/core';
import { describe, test } from 'vitest';
import { expandCase } from '../transform/compact-cases.js';
import { recordCase } from './case-journal.js';
import type { SuiteInfo } from './case-meta.js';
import { describeFailure } from './describe-failure.js';
import { providedOptions } from './provided.js';
import { sharedRunContext, useModuleImporter } from './shared-run-context.js';
import { sharedTrialLimiter } from './shared-trial-limiter.js';

/** Registers one case; called once per case by the generated module, on the line mapped to the case. */
export interface SuiteRegistrar {
  case(caseId: string, makeError: (message: string) => Error): void;
}

function caseTitle(testCase: PromptTestCase): string {
  return testCase.name && testCase.name !== testCase.id ? `${testCase.id}: ${testCase.name}` : testCase.id;
}

/**
 * Entry point of the modules the plugin generates from suite files: one concurrent test per case, each running
 * all the case's trials concurrently through the engine's `runCase` — under the worker's one trial limit — and leaving the `CaseResult` in `task.meta` for the
 * reporter. A skipped case (`judge: false` on a case with only model-graded checks) is a Vitest-skipped test.
 * A case that did not pass throws, so Vitest shows it as failed even when its suite meets its
 * threshold; the reporter decides the exit code (docs/decisions.md). `importModule` is the generated module's
 * own `import()`, which Vite runs: it loads the suite's target module (TypeScript too) like a test file.
 */
export function registerSuite(
  data: { file: string; suite: Suite },
  define: (suite: SuiteRegistrar) => void,
  importModule?: ModuleImporter,
): void {
  if (importModule) useModuleImporter(importModule);
  const provided = providedOptions();
  // The generated module leaves out the fields that hold their built-in value.
  const suite: Suite = { ...data.suite, cases: data.suite.cases.map((testCase) => expandCase(testCase)) };
  const info: SuiteInfo = {
    name: suite.name,
    file: data.file,
    ...(suite.threshold === undefined ? {} : { threshold: suite.threshold }),
  };
  const indexOf = new Map(suite.cases.map((testCase, index) => [testCase.id, index]));
  describe(suite.name, () => {
    define({
      case(caseId, makeError) {
        const index = indexOf.get(caseId);
        const testCase = index === undefined ? undefined : suite.cases[index];
        if (index === undefined || !testCase)
          throw new Error(`agent-cicd: case ${caseId} is not in suite ${suite.name}`);
        test.concurrent(caseTitle(testCase), { timeout: provided.caseTimeout }, async ({ task, signal, skip }) => {
          task.meta.agentCicd = { suite: info, caseId, index };
          const context = await sharedRunContext(provided);
          const limiter = sharedTrialLimiter(provided.concurrency ?? context.concurrency ?? 8);
          const result = await runCase({ testCase, suite, file: info.file, context, signal, limiter });
          const tier = context.tier;
          if (provided.journalDir === undefined) task.meta.agentCicd = { suite: info, caseId, index, tier, result };
          else {
            recordCase(provided.journalDir, { suite: info, index, caseId, tier, result });
            task.meta.agentCicd = { suite: info, caseId, index, tier, recorded: true, status: result.status };
          }
          // Not evaluated (the judge is skipped and the case has nothing else to check): a skipped test, not a pass.
          if (result.status === 'skipped') skip(result.skipReason);
          if (!result.passed) {
            const error = makeError(describeFailure(result));
            error.name = result.status === 'error' ? 'PromptCaseError' : 'PromptCaseFailure';
            throw error;
          }
        });
      },
    });
  });
}
