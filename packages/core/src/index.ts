export type { AgentResult, AgentResultInput, AgentStep } from './agent/agent-result.js';
export { AgentResultSchema, AgentStepSchema } from './agent/agent-result.js';
export type { RunAgentLoopOptions } from './agent/run-agent-loop.js';
export { runAgentLoop } from './agent/run-agent-loop.js';
export { canonicalJson, sortKeysDeep } from './cassette/canonical-json.js';
export type { CassetteEntry, CassetteFile } from './cassette/cassette-file.js';
export { CassetteFileSchema, formatCassetteFile, readCassetteFile } from './cassette/cassette-file.js';
export type { CanonicalRequest } from './cassette/cassette-key.js';
export { canonicalRequest, cassetteKey } from './cassette/cassette-key.js';
export type { CassetteClient, CassetteClientOptions, CassetteMode } from './cassette/create-cassette-client.js';
export { createCassetteClient, resolveCassetteMode } from './cassette/create-cassette-client.js';
export type { RedactOptions } from './cassette/redact-secrets.js';
export { createRedactor, REDACTED } from './cassette/redact-secrets.js';
// Checks: the `checks:` list of a case (text, JSON, reference metrics, cost, tools, similarity, model-graded).
export { type Check, type CheckInput, CheckSchema, type CheckType, checkSchemas } from './checks/check-schema.js';
export type { Grader } from './checks/evaluate-model-check.js';
export { type ChecksEvaluation, type RunChecksOptions, runChecks } from './checks/run-checks.js';
export { type SelectBestOutcome, type SelectBestRequest, selectBest } from './checks/select-best.js';
export type { AgentDeploymentConfig, TierOverrides } from './config/agent-deployment-config.js';
export { AgentDeploymentConfigSchema, DEFAULT_TIERS, TierOverridesSchema } from './config/agent-deployment-config.js';
export type {
  AgentCicdConfig,
  AgentCicdConfigInput,
  CassetteSettings,
  JudgeSettings,
  LlmSettings,
  MockSettings,
  ToolSettings,
} from './config/config-schema.js';
export {
  CassetteSettingsSchema,
  ConfigInputSchema,
  ConfigSchema,
  defineConfig,
  JudgeSettingsSchema,
  LlmSettingsSchema,
  MockSettingsSchema,
  ModelPriceSchema,
  PipelineSettingsSchema,
  ToolSettingsSchema,
} from './config/config-schema.js';
export type { LlmSettingsView } from './config/describe-llm-settings.js';
export { describeLlmSettings, redactUrl } from './config/describe-llm-settings.js';
export { findConfigForFiles } from './config/find-config-for-files.js';
export type { LoadedConfig } from './config/load-config.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig, readConfigFile } from './config/load-config.js';
export type { TierName, TierSource } from './config/tier-name.js';
export { resolveTier, resolveTierName, TIER_NAMES, TierNameSchema } from './config/tier-name.js';
export type { LlmErrorKind, LlmErrorOptions, SourceLocation } from './errors.js';
export {
  AgentCicdError,
  formatLocation,
  formatUserError,
  InvalidFileError,
  LlmError,
  STATS_INVALID_ARGUMENT,
  StatsArgumentError,
} from './errors.js';
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
export type { CreateJudgeOptions, Judge, JudgeOutcome, JudgeRequest, JudgeRubric } from './judge/create-judge.js';
export { createJudge } from './judge/create-judge.js';
export { defaultJudgeRubric } from './judge/default-rubric.js';
export type { JudgeMaterial } from './judge/format-judge-material.js';
export { escapeForJudge, formatJudgeMaterial } from './judge/format-judge-material.js';
export type { JudgeVerdict } from './judge/judge-verdict.js';
export { JudgeVerdictSchema, judgeVerdictJsonSchema } from './judge/judge-verdict.js';
export type { Diagnostic } from './lint/diagnostic.js';
export { diagnosticsFromError, formatDiagnostic } from './lint/diagnostic.js';
export type { LintTarget, LintTargetKind } from './lint/find-lint-targets.js';
export { findLintTargets, lintTargetKind } from './lint/find-lint-targets.js';
export type { LintResult } from './lint/lint-paths.js';
export { lintPaths } from './lint/lint-paths.js';
export type { AnthropicClientOptions, AnthropicLike } from './llm/anthropic-client.js';
export { createAnthropicClient } from './llm/anthropic-client.js';
export type { AdapterOptions } from './llm/call-policy.js';
export type { CreateLlmClientOptions, ProviderName } from './llm/create-llm-client.js';
export { createLlmClient, inferProvider } from './llm/create-llm-client.js';
export { cosineSimilarity } from './llm/embeddings.js';
export { LABEL_HEADER_PREFIX, labelHeaders, readLabelHeaders } from './llm/label-headers.js';
export type { OpenAiClientOptions, OpenAiLike } from './llm/openai-client.js';
export { createOpenAiClient } from './llm/openai-client.js';
export type { ModelPrice, PriceTable } from './llm/prices.js';
export { DEFAULT_PRICE_TABLE, findPrice, priceFor, resolvePriceTable } from './llm/prices.js';
export type { LimiterRegistry, ProviderLimiter } from './llm/provider-limiter.js';
export { createLimiterRegistry, createProviderLimiter, sharedLimiters } from './llm/provider-limiter.js';
export { parseRetryAfter } from './llm/retry-after.js';
export { toLlmError } from './llm/to-llm-error.js';
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
export { retryDelay, withRetry } from './llm/with-retry.js';
export type { TokenEncoding } from './mock/count-tokens.js';
export { countTokens } from './mock/count-tokens.js';
export type { MockLlm, MockLlmOptions, Sleep } from './mock/create-mock-llm.js';
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
export type { ModuleImporter } from './modules/import-module.js';
export { importModule } from './modules/import-module.js';
export type { HashChange } from './prompts/hash-manifest.js';
export { hashManifest } from './prompts/hash-manifest.js';
export { hashPromptBytes } from './prompts/hash-prompt.js';
export { lintPromptTemplate } from './prompts/lint-prompt-template.js';
export type { LoadedManifest } from './prompts/load-manifest.js';
export { loadManifest, manifestRoot, parseManifestText } from './prompts/load-manifest.js';
export type { Manifest, PromptEntry, PromptVersion } from './prompts/manifest-schema.js';
export { ManifestSchema, PromptEntrySchema, PromptHashSchema, PromptVersionSchema } from './prompts/manifest-schema.js';
export { parseTemplate } from './prompts/parse-template.js';
export { promptRefFor } from './prompts/prompt-ref-for.js';
export { renderPrompt } from './prompts/render-prompt.js';
export type { ResolvedPrompt } from './prompts/resolve-prompt.js';
export { resolvePrompt } from './prompts/resolve-prompt.js';
export type { TemplateUsage, VariableUse } from './prompts/template-variables.js';
export { templateUsage } from './prompts/template-variables.js';
export type { PromptCheck } from './prompts/verify-manifest.js';
export { describePromptCheck, verifyManifest } from './prompts/verify-manifest.js';
export type { RunBudget } from './run/budget-llm.js';
export { BudgetExceededError } from './run/budget-llm.js';
export type { BuildCaseResultOptions } from './run/build-case-result.js';
export { buildCaseResult } from './run/build-case-result.js';
export type { BuildRunReportOptions, RunStatus } from './run/build-run-report.js';
export { buildRunReport } from './run/build-run-report.js';
export type { CreateLlmClientForTierOptions } from './run/create-llm-client-for-tier.js';
export { createLlmClientForTier } from './run/create-llm-client-for-tier.js';
export type { ResultRedactorOptions } from './run/create-result-redactor.js';
export { createResultRedactor, PROVIDER_KEY_VARIABLES } from './run/create-result-redactor.js';
export type { CreateRunContextOptions } from './run/create-run-context.js';
export { createRunContext } from './run/create-run-context.js';
export { mergeRunReports } from './run/merge-run-reports.js';
export { retryingLlm } from './run/retrying-llm.js';
export type { RunCaseOptions, RunnableCase } from './run/run-case.js';
export { runCase } from './run/run-case.js';
export type { RunContext, SuiteRef } from './run/run-context.js';
export type { JournalEntry, JournalHeader, RunJournal } from './run/run-journal.js';
export { openRunJournal } from './run/run-journal.js';
export type { RunProgress, RunSuiteOptions, SuiteToRun } from './run/run-suite.js';
export { runSuite } from './run/run-suite.js';
export type { RunVerdict, RunVerdictOptions } from './run/run-verdict.js';
export { runVerdict } from './run/run-verdict.js';
export { parseShard, type Shard, shardOf, shardSuites } from './run/shard-suites.js';
export type { SuiteAccumulator, SummarizeSuiteOptions } from './run/summarize-suite.js';
export { createSuiteAccumulator, summarizeSuite } from './run/summarize-suite.js';
export type { LlmUsageTotals } from './run/track-llm-usage.js';
export { trackLlmUsage } from './run/track-llm-usage.js';
export { writeRunReport } from './run/write-run-report.js';
export { findSuiteFiles, SUITE_FILE } from './schema/find-suite-files.js';
export { generateJsonSchemas } from './schema/json-schemas.js';
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
export type {
  CaseResult,
  CaseStatus,
  MatrixCell,
  RunReport,
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
export { snakeCaseAliasesOf, toSnakeCase, withSnakeCaseAliases } from './schema/snake-case-aliases.js';
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
export { normalizeTargetOutput } from './targets/normalize-target-output.js';
export type {
  AgentFunction,
  ModelSettings,
  Target,
  TargetContext,
  TargetInput,
  TargetOutput,
} from './targets/target.js';
export type { CompiledSchema } from './tools/compile-json-schema.js';
export { compileJsonSchema } from './tools/compile-json-schema.js';
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
