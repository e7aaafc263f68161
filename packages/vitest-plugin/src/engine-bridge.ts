// TEMPORARY: until engine's functions are on main. Not to be landed.
import type { CaseResult, RunReport, SuiteResult } from '@agent-cicd/core';
export function summarizeSuite(_cases: CaseResult[], _o: { name: string; file?: string; threshold?: number }): SuiteResult {
  throw new Error('engine not merged');
}
export function buildRunReport(_o: { suites: SuiteResult[]; status: RunReport['status']; startedAt: Date; tier?: string }): RunReport {
  throw new Error('engine not merged');
}
