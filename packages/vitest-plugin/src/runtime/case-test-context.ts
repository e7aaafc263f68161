import type { PromptTestCase, SuiteRef } from '@agent-cicd/core';
import type { TestContext } from 'vitest';
import type { SuiteInfo } from './case-meta.js';
import type { AgentCicdProvided } from './provided.js';

/** What a suite's tests share: the suite, its cases by index, the generated module's error factory, the options. */
export interface CaseTestContext {
  suite: SuiteRef;
  info: SuiteInfo;
  /** The case at `index`, with its default fields (a fresh object: the caller may drop it when done). */
  caseAt(index: number): PromptTestCase;
  idAt(index: number): string;
  /** 1-based line of the case in the suite file. */
  lineAt(index: number): number;
  /** An `Error` built on the generated module's line for case `index` (its group's first case: see `pointsAt`). */
  makeError(index: number, message: string): Error;
  /** Whether `makeError(index)`'s stack frame is case `index`'s own line (else its group's first case's). */
  pointsAt(index: number): boolean;
  provided: AgentCicdProvided;
}

/** The parts of Vitest's test context a case test uses. */
export type VitestTestContext = Pick<TestContext, 'task' | 'signal' | 'skip'>;
