// `@agent-cicd/core/testing`: building blocks for test integrations (the Vitest plugin uses them): case
// evaluation, case results and reports, seeded PRNG, JSON Schema compilation.

export { canonicalJson, sortKeysDeep } from './cassette/canonical-json.js';
export type { CanonicalRequest } from './cassette/cassette-key.js';
export { canonicalRequest, cassetteKey } from './cassette/cassette-key.js';
export type { ToolExpectations } from './eval/check-tools.js';
export { checkTools } from './eval/check-tools.js';
export type {
  AssertionOutcome,
  CaseAssertion,
  CaseEvaluation,
  CaseExpectations,
  EvaluateCaseOptions,
} from './eval/evaluate-case.js';
export { evaluateCase } from './eval/evaluate-case.js';
export type { ArgumentMatchMode } from './eval/match-arguments.js';
export { matchArguments } from './eval/match-arguments.js';
export type { TextPattern } from './eval/match-text.js';
export { parseTextPattern } from './eval/match-text.js';
export type { JudgeMaterial } from './judge/format-judge-material.js';
export { escapeForJudge, formatJudgeMaterial } from './judge/format-judge-material.js';
export type { Sleep } from './mock/create-mock-llm.js';
export type { Prng } from './mock/prng.js';
export { createPrng, deriveSeed } from './mock/prng.js';
export type { BuildCaseResultOptions } from './run/build-case-result.js';
export { buildCaseResult } from './run/build-case-result.js';
export type { BuildRunReportOptions, RunStatus } from './run/build-run-report.js';
export { buildRunReport } from './run/build-run-report.js';
export type { SuiteAccumulator, SummarizeSuiteOptions } from './run/summarize-suite.js';
export { createSuiteAccumulator, summarizeSuite } from './run/summarize-suite.js';
export type { LlmUsageTotals } from './run/track-llm-usage.js';
export { trackLlmUsage } from './run/track-llm-usage.js';
export { normalizeTargetOutput } from './targets/normalize-target-output.js';
export type { CompiledSchema } from './tools/compile-json-schema.js';
export { compileJsonSchema } from './tools/compile-json-schema.js';
