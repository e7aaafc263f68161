import type { ModuleImporter, PromptTestCase, Suite, SuiteRef } from '@agent-cicd/core';
import { describe, inject, test } from 'vitest';
import { expandCase } from '../transform/compact-cases.js';
import type { SuiteInfo } from './case-meta.js';
import type { CaseTestContext } from './case-test-context.js';
import { groupCases } from './cases-per-test.js';
import { groupTitle } from './group-title.js';
import { providedOptions } from './provided.js';
import { runCaseTest } from './run-case-test.js';
import { runGroupTest } from './run-group-test.js';
import { useModuleImporter } from './shared-run-context.js';

/**
 * The generated module's error factory: `new Error(message)` on the module line mapped to the first case of group
 * `group` (cases `group * groupSize` …) in the suite file, so the failure's top stack frame — what Vitest's code
 * frame shows — is that case.
 */
export type MakeGroupError = (group: number, message: string) => Error;

/** What the generated module hands over: the suite (cases without their default fields), lines and grouping. */
export interface SuiteData {
  file: string;
  suite: Suite;
  /** 1-based line of each case in the suite file, in case order. */
  lines?: number[];
  /** Cases per Vitest test, from the plugin's `casesPerTest` and the number of cases. @default 1 */
  groupSize?: number;
  /** `casesPerTest: 'auto'`: one test per case while Vitest filters tests by name (`-t`), whatever `groupSize`. */
  auto?: boolean;
}

/** The longest delay `setTimeout` takes (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/** Grace beyond its cases' `caseTimeout`s for a test running several cases (its cases time out on their own). */
export const GROUP_TIMEOUT_GRACE_MS = 5000;

function caseTitle(testCase: Pick<PromptTestCase, 'id' | 'name'>): string {
  return testCase.name && testCase.name !== testCase.id ? `${testCase.id}: ${testCase.name}` : testCase.id;
}

/**
 * Entry point of the modules the plugin generates from suite files. Registers the suite's cases as concurrent
 * Vitest tests: one test per case, or — a large file under `casesPerTest: 'auto'`, or a number above 1 — one test
 * per run of consecutive cases, whose cases all run at once. Either way every trial runs under the worker's one
 * trial limit, each finished case goes to the run's journal, and the reporter rebuilds the report per case.
 * `importModule` is the generated module's own `import()`, which Vite runs: it loads the suite's target module
 * (TypeScript too) like a test file.
 */
export function registerSuite(data: SuiteData, makeError: MakeGroupError, importModule?: ModuleImporter): void {
  if (importModule) useModuleImporter(importModule);
  const provided = providedOptions();
  // The cases stay as the generated module gave them (without their default fields) and are expanded when they
  // run: a 10,000-case suite keeps one compact object per case, not two.
  const { cases, ...rest } = data.suite;
  const ref: SuiteRef = rest;
  const info: SuiteInfo = {
    name: rest.name,
    file: data.file,
    ...(rest.threshold === undefined ? {} : { threshold: rest.threshold }),
  };
  const caseAt = (index: number): PromptTestCase => expandCase(cases[index] as PromptTestCase);
  const idAt = (index: number): string => (cases[index] as PromptTestCase).id;
  const lineAt = (index: number): number => data.lines?.[index] ?? 1;
  // The generated module has one error line per group of `stride` cases.
  const stride = data.groupSize ?? 1;
  const shared: CaseTestContext = {
    suite: ref,
    info,
    caseAt,
    idAt,
    lineAt,
    makeError: (index, message) => makeError(Math.floor(index / stride), message),
    pointsAt: (index) => index % stride === 0,
    provided,
  };
  const size = data.auto && nameFilterActive() ? 1 : stride;
  describe(rest.name, () => {
    if (size === 1) {
      for (let index = 0; index < cases.length; index++) {
        const testCase = cases[index] as PromptTestCase;
        test.concurrent(caseTitle(testCase), { timeout: provided.caseTimeout }, (context) =>
          runCaseTest(shared, index, context),
        );
      }
      return;
    }
    for (const group of groupCases(cases.length, size)) {
      const title = groupTitle({
        firstId: idAt(group.start),
        lastId: idAt(group.start + group.count - 1),
        start: group.start,
        count: group.count,
        total: cases.length,
      });
      // Each case times out on its own; the test's timeout is a backstop: its cases one after another, and a grace.
      // (At most what a timer takes: a longer one fires at once.)
      const timeout = Math.min(provided.caseTimeout * group.count + GROUP_TIMEOUT_GRACE_MS, MAX_TIMER_MS);
      test.concurrent(title, { timeout }, (context) => runGroupTest(shared, group, context));
    }
  });
}

/** Whether this run filters tests by name (`-t`); the reporter provides it at the start of every run. */
function nameFilterActive(): boolean {
  try {
    return inject('agentCicdNameFilter') === true;
  } catch {
    return false;
  }
}
