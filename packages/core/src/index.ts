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
export { normalCdf, normalQuantile } from './stats/normal.js';
export { passAtK, passHatK } from './stats/pass-at-k.js';
export type { LatencySummary } from './stats/percentile.js';
export { percentile, summarizeLatencies } from './stats/percentile.js';
export type { BinomialCount } from './stats/validate.js';
export type { Interval } from './stats/wilson-interval.js';
export { wilsonInterval } from './stats/wilson-interval.js';
