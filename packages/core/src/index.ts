export type { SourceLocation } from './errors.js';
export { AgentCicdError, formatLocation, formatUserError, InvalidFileError } from './errors.js';
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
export type { Keyword } from './schema/keyword.js';
export { parseKeyword } from './schema/keyword.js';
export type { LoadedSuite } from './schema/load-suite.js';
export { loadSuiteFile, parseSuiteText } from './schema/load-suite.js';
export type {
  CaseDefaults,
  ConversationTurn,
  PromptTestCase,
  PromptTestCaseInput,
  ToolOrder,
} from './schema/prompt-test-case.js';
export {
  applyCaseDefaults,
  CaseDefaultsSchema,
  ConversationTurnSchema,
  KeywordSchema,
  PromptTestCaseInputSchema,
  PromptTestCaseListSchema,
  PromptTestCaseSchema,
  ToolOrderSchema,
} from './schema/prompt-test-case.js';
export type { CaseResult, CaseStatus, RunReport, SuiteResult, TrialResult, Violation } from './schema/report.js';
export {
  CaseResultSchema,
  CaseStatusSchema,
  RunReportSchema,
  SuiteResultSchema,
  TrialResultSchema,
  ViolationSchema,
} from './schema/report.js';
export { snakeCaseAliasesOf, toSnakeCase, withSnakeCaseAliases } from './schema/snake-case-aliases.js';
export type { PromptRef, Suite, SuiteInput, TargetRef } from './schema/suite.js';
export { PromptRefSchema, SuiteInputSchema, SuiteSchema, TargetRefSchema } from './schema/suite.js';
export { parseSource } from './source/parse-source.js';
export type { PathSegment, Position, SourceDocument } from './source/source-document.js';
export { formatPath } from './source/source-document.js';
export { validateSource } from './source/validate-source.js';
