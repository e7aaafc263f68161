// `@agent-cicd/core`: what a user's repository imports — schemas and types, `defineConfig`, LLM clients, the mock
// LLM, mock tools and cassettes, targets, the judge, checks, the runner and run reports. More behind subpaths:
// `/errors`, `/stats`, `/testing`, `/mock-server`, `/lint`, `/init`, `/report`, `/matrix`. Everything else is
// internal. The surface is pinned by api-snapshot.txt (scripts/api-snapshot.mjs); change it on purpose.

export type { AgentResult, AgentResultInput, AgentStep } from './agent/agent-result.js';
export { AgentResultSchema, AgentStepSchema } from './agent/agent-result.js';
export type { RunAgentLoopOptions } from './agent/run-agent-loop.js';
export { runAgentLoop } from './agent/run-agent-loop.js';
export type { CassetteEntry, CassetteFile } from './cassette/cassette-file.js';
export { CassetteFileSchema, formatCassetteFile, readCassetteFile } from './cassette/cassette-file.js';
export type { CassetteClient, CassetteClientOptions, CassetteMode } from './cassette/create-cassette-client.js';
export { createCassetteClient, resolveCassetteMode } from './cassette/create-cassette-client.js';
export type { RedactOptions } from './cassette/redact-secrets.js';
export { createRedactor, REDACTED } from './cassette/redact-secrets.js';
export type { Check, CheckInput, CheckType } from './checks/check-schema.js';
export { CheckSchema, checkSchemas } from './checks/check-schema.js';
export type { Grader } from './checks/evaluate-model-check.js';
export type { ChecksEvaluation, RunChecksOptions } from './checks/run-checks.js';
export { runChecks } from './checks/run-checks.js';
export type { SelectBestOutcome, SelectBestRequest } from './checks/select-best.js';
export { selectBest } from './checks/select-best.js';
export type { AgentDeploymentConfig, TierOverrides } from './config/agent-deployment-config.js';
export { AgentDeploymentConfigSchema, DEFAULT_TIERS } from './config/agent-deployment-config.js';
export type {
  AgentCicdConfig,
  AgentCicdConfigInput,
  CassetteSettings,
  JudgeSettings,
  LlmSettings,
  MockSettings,
  ToolSettings,
} from './config/config-schema.js';

export { ConfigInputSchema, ConfigSchema, defineConfig } from './config/config-schema.js';
export type { LlmSettingsView } from './config/describe-llm-settings.js';
export { describeLlmSettings, redactUrl } from './config/describe-llm-settings.js';

export { findConfigForFiles } from './config/find-config-for-files.js';
export type { LoadedConfig } from './config/load-config.js';
export { loadConfig } from './config/load-config.js';
export { providerConcurrency } from './config/provider-concurrency.js';
export type { TierName, TierSource } from './config/tier-name.js';
export { resolveTier, resolveTierName, TIER_NAMES } from './config/tier-name.js';
export type { LlmErrorKind, SourceLocation } from './errors.js';
export { AgentCicdError, LlmError } from './errors.js';
export type { CreateJudgeOptions, Judge, JudgeOutcome, JudgeRequest, JudgeRubric } from './judge/create-judge.js';
export { createJudge } from './judge/create-judge.js';
export { defaultJudgeRubric } from './judge/default-rubric.js';
export type { JudgeVerdict } from './judge/judge-verdict.js';
export { JudgeVerdictSchema, judgeVerdictJsonSchema } from './judge/judge-verdict.js';
export type { AnthropicClientOptions, AnthropicLike } from './llm/anthropic-client.js';
export { createAnthropicClient } from './llm/anthropic-client.js';
export type { CreateLlmClientOptions, ProviderName } from './llm/create-llm-client.js';
export { createLlmClient, inferProvider } from './llm/create-llm-client.js';
export { LABEL_HEADER_PREFIX, labelHeaders, readLabelHeaders } from './llm/label-headers.js';
export type { OpenAiClientOptions, OpenAiLike } from './llm/openai-client.js';
export { createOpenAiClient } from './llm/openai-client.js';
export type { ModelPrice, PriceTable } from './llm/prices.js';
export { DEFAULT_PRICE_TABLE, findPrice, priceFor } from './llm/prices.js';
export type {
  ChatMessage,
  EmbeddingRequest,
  EmbeddingResponse,
  FinishReason,
  LlmClient,
  LlmRequest,
  LlmResponse,
  LlmUsage,
  MaxTokensParam,
  ToolCall,
  ToolDefinition,
} from './llm/types.js';
export type { RetryOptions } from './llm/with-retry.js';
export { withRetry } from './llm/with-retry.js';
export type { TokenEncoding } from './mock/count-tokens.js';
export { countTokens } from './mock/count-tokens.js';
export type { MockLlm, MockLlmOptions } from './mock/create-mock-llm.js';
export { createMockLlm } from './mock/create-mock-llm.js';
export { loadMockScript, parseMockScript } from './mock/load-mock-script.js';
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
export type { ModuleImporter } from './modules/import-module.js';
export { importModule } from './modules/import-module.js';
export type { HashChange } from './prompts/hash-manifest.js';
export { hashManifest } from './prompts/hash-manifest.js';
export { hashPromptBytes } from './prompts/hash-prompt.js';
export type { LoadedManifest } from './prompts/load-manifest.js';
export { loadManifest } from './prompts/load-manifest.js';
export type { Manifest, PromptEntry, PromptVersion } from './prompts/manifest-schema.js';
export { ManifestSchema } from './prompts/manifest-schema.js';
export { renderPrompt } from './prompts/render-prompt.js';
export type { ResolvedPrompt } from './prompts/resolve-prompt.js';
export { resolvePrompt } from './prompts/resolve-prompt.js';
export type { PromptCheck } from './prompts/verify-manifest.js';
export { describePromptCheck, verifyManifest } from './prompts/verify-manifest.js';
export type { RunBudget } from './run/budget-meter.js';
export { BudgetExceededError } from './run/budget-meter.js';
export { caseStatusOf, trialPassRate } from './run/case-status-of.js';
export type { ResultRedactorOptions } from './run/create-result-redactor.js';
export { createResultRedactor, PROVIDER_KEY_VARIABLES } from './run/create-result-redactor.js';
export type { CreateRunContextOptions } from './run/create-run-context.js';
export { createRunContext } from './run/create-run-context.js';
export { mergeRunReports } from './run/merge-run-reports.js';
export type { RunCaseOptions, RunnableCase } from './run/run-case.js';
export { runCase } from './run/run-case.js';
export type { RunContext, SuiteRef } from './run/run-context.js';
export type { RunProgress, RunSuiteOptions, SuiteToRun } from './run/run-suite.js';
export { runSuite } from './run/run-suite.js';
export type { RunVerdict, RunVerdictOptions } from './run/run-verdict.js';
export { runVerdict } from './run/run-verdict.js';
export { parseShard, type Shard, shardOf, shardSuites } from './run/shard-suites.js';
export { createTrialLimiter, type TrialLimiter } from './run/trial-limiter.js';
export { writeRunReport } from './run/write-run-report.js';
export { findSuiteFiles, SUITE_FILE } from './schema/find-suite-files.js';
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
  CaseDefaultsSchema,
  ConversationTurnSchema,
  KeywordSchema,
  PromptTestCaseInputSchema,
  PromptTestCaseListSchema,
  PromptTestCaseSchema,
  ToolOrderSchema,
} from './schema/prompt-test-case.js';
export type {
  CaseResult,
  CaseStatus,
  MatrixCell,
  RunReport,
  RunReportOptions,
  RunTotals,
  SuiteResult,
  TrajectoryStep,
  TrialResult,
  Violation,
} from './schema/report.js';
export {
  CaseResultSchema,
  CaseStatusSchema,
  RunReportSchema,
  SuiteResultSchema,
  TrialResultSchema,
  ViolationSchema,
} from './schema/report.js';
export type {
  CommandTargetRef,
  HttpTargetRef,
  ModuleTargetRef,
  PromptRef,
  Suite,
  SuiteInput,
  TargetRef,
} from './schema/suite.js';
export {
  CommandTargetRefSchema,
  HttpTargetRefSchema,
  ModuleTargetRefSchema,
  PromptRefSchema,
  SuiteInputSchema,
  SuiteSchema,
  TargetRefSchema,
} from './schema/suite.js';
export { parseSource } from './source/parse-source.js';
export type { PathSegment, Position, SourceDocument } from './source/source-document.js';
export { dataSource, formatPath } from './source/source-document.js';
export { validateSource } from './source/validate-source.js';
export type { CommandTargetOptions } from './targets/create-command-target.js';
export { createCommandTarget } from './targets/create-command-target.js';
export type { HttpTargetOptions } from './targets/create-http-target.js';
export { createHttpTarget } from './targets/create-http-target.js';
export type { PromptTargetOptions } from './targets/create-prompt-target.js';
export { createPromptTarget } from './targets/create-prompt-target.js';
export type { CreateTargetOptions } from './targets/create-target.js';
export { createTarget } from './targets/create-target.js';
export type { ModuleTargetOptions } from './targets/load-module-target.js';
export { createModuleTarget, loadModuleTarget } from './targets/load-module-target.js';
export type {
  AgentFunction,
  ModelSettings,
  Target,
  TargetContext,
  TargetInput,
  TargetOutput,
} from './targets/target.js';
export type { MockToolFixture, MockToolFunction } from './tools/create-mock-tools.js';
export { createMockTools, loadMockTools, MockToolsFileSchema } from './tools/create-mock-tools.js';
export type {
  ToolBox,
  ToolCallRecord,
  ToolContext,
  ToolHandler,
  ToolRegistry,
  ToolRegistryOptions,
  ToolSpec,
} from './tools/tool-registry.js';
export { createToolRegistry } from './tools/tool-registry.js';
