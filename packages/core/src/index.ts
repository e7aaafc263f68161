export type { SourceLocation } from './errors.js';
export { AgentCicdError, formatLocation, formatUserError } from './errors.js';
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
