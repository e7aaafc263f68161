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
 * journal (`recorded`), not into Vitest's task tree, so memory does not grow with the number of cases.
 */
export interface CaseMeta {
  suite: SuiteInfo;
  caseId: string;
  /** The case's place in its suite (definition order): the report lists cases in this order. */
  index?: number;
  /** The tier the case ran on. */
  tier?: string;
  /** The result is in the run's journal. Missing when the test failed before the case produced one (an error). */
  recorded?: boolean;
  /** The recorded result's status (a case the engine skipped is a skipped test, and still a case of the report). */
  status?: CaseResult['status'];
  /** The result, when a caller put it here instead of in the journal (the reporter reads either). */
  result?: CaseResult;
}

declare module 'vitest' {
  interface TaskMeta {
    agentCicd?: CaseMeta;
  }
}
