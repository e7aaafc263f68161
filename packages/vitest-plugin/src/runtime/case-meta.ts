import type { CaseResult } from '@agent-cicd/core';

/** Which suite a test belongs to; the reporter groups cases by it. */
export interface SuiteInfo {
  name: string;
  /** Absolute path of the suite's file. */
  file: string;
  threshold?: number;
}

/**
 * What a prompt-case test leaves in `task.meta.agentCicd` for the reporter. The result itself goes to the run's
 * journal (`recorded`), not into Vitest's task tree, so memory does not grow with the number of cases. A test
 * running several consecutive cases (`casesPerTest`) leaves one for them all: `caseId` and `index` are its first
 * case's, `count` says how many.
 */
export interface CaseMeta {
  suite: SuiteInfo;
  caseId: string;
  /** The case's place in its suite (definition order): the report lists cases in this order. */
  index?: number;
  /** A test running several cases: how many (`index` … `index + count - 1`). */
  count?: number;
  /** A test running several cases, until they are recorded: their ids (the reporter's fallback if the test fails first). */
  caseIds?: string[];
  /** A test running several cases without a journal: their results, in case order. */
  results?: CaseResult[];
  /** The tier the case ran on. */
  tier?: string;
  /** The result is in the run's journal. Missing when the test failed before the case produced one (an error). */
  recorded?: boolean;
  /**
   * The recorded result's status (a case the engine skipped is a skipped test, and still a case of the report).
   * A test running several cases: `skipped` when all were, else the worst of theirs.
   */
  status?: CaseResult['status'];
  /** The result, when a caller put it here instead of in the journal (the reporter reads either). */
  result?: CaseResult;
}

declare module 'vitest' {
  interface TaskMeta {
    agentCicd?: CaseMeta;
  }
}
