export { canonicalJson, sortKeysDeep } from './cassette/canonical-json.js';
export type { CassetteEntry, CassetteFile } from './cassette/cassette-file.js';
export { CassetteFileSchema, formatCassetteFile, readCassetteFile } from './cassette/cassette-file.js';
export type { CanonicalRequest } from './cassette/cassette-key.js';
export { canonicalRequest, cassetteKey } from './cassette/cassette-key.js';
export type { CassetteClient, CassetteClientOptions, CassetteMode } from './cassette/create-cassette-client.js';
export { createCassetteClient, resolveCassetteMode } from './cassette/create-cassette-client.js';
export type { RedactOptions } from './cassette/redact-secrets.js';
export { createRedactor, REDACTED } from './cassette/redact-secrets.js';
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
export type { TokenEncoding } from './mock/count-tokens.js';
export { countTokens } from './mock/count-tokens.js';
export type { MockLlm, MockLlmOptions, Sleep } from './mock/create-mock-llm.js';
export { createMockLlm } from './mock/create-mock-llm.js';
export { loadMockScript, parseMockScript } from './mock/load-mock-script.js';
export { MockLlmError } from './mock/mock-llm-error.js';
export type {
  MockErrorKind,
  MockErrorSpec,
  MockResponseSpec,
  MockRule,
  MockRuleInput,
  MockScript,
  MockScriptInput,
} from './mock/mock-script-schema.js';
export { MockRuleSchema, MockScriptSchema } from './mock/mock-script-schema.js';
export type { Prng } from './mock/prng.js';
export { createPrng, deriveSeed } from './mock/prng.js';
export type {
  FaultRule,
  FaultRuleInput,
  FaultsFile,
  FaultsFileInput,
  FaultType,
} from './mock-server/faults.js';
export { createFaultInjector, FaultsFileSchema, loadFaults } from './mock-server/faults.js';
export type { MockServerRequest } from './mock-server/request-log.js';
export type { MockServer, MockServerClock, MockServerOptions } from './mock-server/start-mock-server.js';
export { startMockServer } from './mock-server/start-mock-server.js';
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
