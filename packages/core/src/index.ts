export type { LlmErrorKind, LlmErrorOptions, SourceLocation } from './errors.js';
export { AgentCicdError, formatLocation, formatUserError, LlmError } from './errors.js';
export type { AdapterOptions } from './llm/call-policy.js';
export type { OpenAiClientOptions, OpenAiLike } from './llm/openai-client.js';
export { createOpenAiClient } from './llm/openai-client.js';
export type { ModelPrice, PriceTable } from './llm/prices.js';
export { DEFAULT_PRICE_TABLE, findPrice, priceFor } from './llm/prices.js';
export type { LimiterRegistry, ProviderLimiter } from './llm/provider-limiter.js';
export { createLimiterRegistry, createProviderLimiter, sharedLimiters } from './llm/provider-limiter.js';
export { parseRetryAfter } from './llm/retry-after.js';
export { toLlmError } from './llm/to-llm-error.js';
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
export type { RetryOptions, Sleep } from './llm/with-retry.js';
export { retryDelay, withRetry } from './llm/with-retry.js';
export type { CaseResult, CaseStatus, RunReport, SuiteResult, TrialResult, Violation } from './schema/report.js';
export {
  CaseResultSchema,
  CaseStatusSchema,
  RunReportSchema,
  SuiteResultSchema,
  TrialResultSchema,
  ViolationSchema,
} from './schema/report.js';
