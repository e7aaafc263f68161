import type { CaseResult } from '@agent-cicd/core';

/** Which suite a test belongs to; the reporter groups cases by it. */
export interface SuiteInfo {
  name: string;
  /** Absolute path of the suite's file. */
  file: string;
  threshold?: number;
}

/** What a prompt-case test leaves in `task.meta.agentCicd` for the reporter. */
export interface CaseMeta {
  suite: SuiteInfo;
  caseId: string;
  /** The tier the case ran on. */
  tier?: string;
  /** Missing when the test failed before the case produced a result (the reporter records it as an error). */
  result?: CaseResult;
}

declare module 'vitest' {
  interface TaskMeta {
    agentCicd?: CaseMeta;
  }
}
