export type { SourceLocation } from './errors.js';
export {
  AgentCicdError,
  formatLocation,
  formatUserError,
  STATS_INVALID_ARGUMENT,
  StatsArgumentError,
} from './errors.js';
export type {
  ChatMessage,
  FinishReason,
  LlmClient,
  LlmRequest,
  LlmResponse,
  LlmUsage,
  ToolCall,
  ToolDefinition,
} from './llm/types.js';
export type { CaseResult, CaseStatus, RunReport, SuiteResult, TrialResult, Violation } from './schema/report.js';
export {
  CaseResultSchema,
  CaseStatusSchema,
  RunReportSchema,
  SuiteResultSchema,
  TrialResultSchema,
  ViolationSchema,
} from './schema/report.js';
export type { BinomialTestResult } from './stats/binomial-test.js';
export { binomialTest } from './stats/binomial-test.js';
export type { ChiSquareResult } from './stats/chi-square.js';
export { chiSquareIndependence } from './stats/chi-square.js';
export { fisherExactOneSided } from './stats/fisher-exact.js';
export type { DiscordantPairs, McNemarResult } from './stats/mcnemar-exact.js';
export { mcnemarExact } from './stats/mcnemar-exact.js';
export type { DifferenceInterval } from './stats/newcombe-interval.js';
export { newcombeInterval } from './stats/newcombe-interval.js';
export { normalCdf, normalQuantile } from './stats/normal.js';
export type { PairedCounts } from './stats/paired-difference-interval.js';
export { pairedDifferenceInterval } from './stats/paired-difference-interval.js';
export { passAtK, passHatK } from './stats/pass-at-k.js';
export type { LatencySummary } from './stats/percentile.js';
export { percentile, summarizeLatencies } from './stats/percentile.js';
export { PSI_EMPTY_BIN_PROPORTION, populationStabilityIndex } from './stats/psi.js';
export type { SprtOptions, SprtResult } from './stats/sprt.js';
export { sprt } from './stats/sprt.js';
export type { BinomialCount } from './stats/validate.js';
export type { Interval } from './stats/wilson-interval.js';
export { wilsonInterval } from './stats/wilson-interval.js';
