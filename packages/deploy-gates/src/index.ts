// `@agent-cicd/deploy-gates`: gate decisions (policy, decide, evidence), canary and blue-green rollouts, release
// bundles and rollback, the pipeline, metrics and alerts. More behind subpaths: `/statistics` (the tests behind
// decisions), `/live` (Prometheus queries and live canary analysis), `/manifests` (Kubernetes objects and traffic
// routers), `/runtime` (kubectl, docker and process runners). Pinned by api-snapshot.txt.

export type { GateAnalysisTemplateOptions } from './argo/gate-analysis-template.js';
export { createGateAnalysisTemplate, gateCanarySteps } from './argo/gate-analysis-template.js';
export type { AnalyzeCanaryOptions, CanaryAnalysis } from './canary-analysis/analyze-canary.js';
export { analyzeCanary } from './canary-analysis/analyze-canary.js';
export type { CanaryLook, CanaryMetrics } from './canary-analysis/canary-metrics.js';
export { CanaryLookSchema, CanaryMetricsSchema } from './canary-analysis/canary-metrics.js';
export { loadCanaryMetrics } from './canary-analysis/load-canary-metrics.js';
export type {
  CanaryCommand,
  CanaryCommandAction,
  CanaryState,
  CanaryStatus,
} from './canary-control/canary-control-schema.js';
export { CanaryCommandSchema, CanaryStatusSchema } from './canary-control/canary-control-schema.js';
export type { CanaryControlStore } from './canary-control/canary-control-store.js';
export { canaryControlName, createCanaryControlStore } from './canary-control/canary-control-store.js';
export type { CanaryControlResult } from './canary-control/canary-control-workflow.js';
export { canaryStatus, controlCanary } from './canary-control/canary-control-workflow.js';
export type { CanaryCommandPlan } from './canary-control/control-canary.js';
export { executeCanaryCommand, planCanaryCommand } from './canary-control/control-canary.js';
export type { ManualControlOptions } from './canary-control/with-manual-control.js';
export { withManualControl } from './canary-control/with-manual-control.js';
export type { ArmSample } from './decision/arm-sample.js';
export { armSample, caseKey, emptyArmSample } from './decision/arm-sample.js';
export type { DecideOptions, GateLook, GateSample } from './decision/decide.js';
export { decide, decideSamples, gateSample, lookAlpha } from './decision/decide.js';
export type { Decision, Evidence, GateAction, Verdict } from './decision/decision.js';
export { actionRank, DecisionSchema, EvidenceSchema, GateActionSchema } from './decision/decision.js';
export { DECISION_EXIT_CODES, decisionExitCode } from './decision/decision-exit-code.js';
export { loadRunReport, parseRunReportText } from './decision/load-run-report.js';
export { decisionTable, renderDecisionMarkdown, renderDecisionText } from './decision/render-decision.js';
export {
  CommandError,
  DeployErrorCode,
  deployErrorCatalogue,
  deployGatesErrorCatalogue,
  InvalidInputError,
  ReleaseNotFoundError,
  RolloutError,
} from './errors.js';
export { GateErrorCode } from './gate-errors.js';
export type { GitopsPlan, GitopsReleaseOptions, GitopsResult, GitopsRevertOptions } from './gitops/gitops-release.js';
export { releaseToGitops, releaseTrailer, revertGitopsRelease } from './gitops/gitops-release.js';
export type { ArgoLiveAnalysisOptions } from './interop/argo-live-analysis-template.js';
export { createArgoLiveAnalysisTemplate } from './interop/argo-live-analysis-template.js';
export type { CanaryComparison, CanaryComparisonOptions } from './interop/canary-comparisons.js';
export { canaryComparisons } from './interop/canary-comparisons.js';
export type { FlaggerTemplatesOptions } from './interop/flagger-metric-templates.js';
export { createFlaggerMetricTemplates } from './interop/flagger-metric-templates.js';
export { AgentMetricNames, latencyBuckets, responseLengthBuckets } from './live/agent-metric-names.js';
export type { AgentMetrics, AgentRequestRecord, AgentTrack } from './live/create-agent-metrics.js';
export { createAgentMetrics } from './live/create-agent-metrics.js';
export type { LiveRolloutAnalysisOptions } from './live/live-rollout-analysis.js';
export { createLiveRolloutAnalysis } from './live/live-rollout-analysis.js';
export type {
  DeployMetrics,
  DeploymentMetrics,
  DeployOutcome,
  DeployStrategy,
} from './metrics/create-deploy-metrics.js';
export { createDeployMetrics, deploymentMetricGauges } from './metrics/create-deploy-metrics.js';
export type { Approval } from './pipeline/approvals.js';
export { ApprovalSchema, approvalsDir, approveRun, readApproval } from './pipeline/approvals.js';
export type { PipelineSettings } from './pipeline/configure-stages.js';
export { configureStages, insertStage, removeStages, replaceStage } from './pipeline/configure-stages.js';
export { defaultStages } from './pipeline/default-stages.js';
export { PipelineErrorCode, pipelineErrorCatalogue } from './pipeline/pipeline-errors.js';
export type { PipelineRecord } from './pipeline/pipeline-record.js';
export { PipelineRecordSchema, pipelineRecordSchemaVersion } from './pipeline/pipeline-record.js';
export type { PipelineResult, SeedStageName, StageStatus } from './pipeline/pipeline-result.js';
export { PipelineResultSchema, StageStatusSchema, seedStageNames } from './pipeline/pipeline-result.js';
export type {
  AnyPipelineStage,
  PipelineClock,
  PipelineContext,
  PipelineStage,
  PipelineState,
  SharedStageOptions,
  StageOutcome,
  StageRunContext,
} from './pipeline/pipeline-stage.js';
export { defineStage } from './pipeline/pipeline-stage.js';
export { formatDuration, renderPipelineMarkdown } from './pipeline/render-pipeline-markdown.js';
export type { RunPipelineOptions } from './pipeline/run-pipeline.js';
export { pipelineRunEnv, runPipeline, systemClock } from './pipeline/run-pipeline.js';
export type { ScanFinding } from './pipeline/scan/scan-finding.js';
export { formatFinding, ScanFindingSchema } from './pipeline/scan/scan-finding.js';
export type { ScanOptions, ScanResult } from './pipeline/scan/scan-project.js';
export { ScanOptionsSchema, scanProject } from './pipeline/scan/scan-project.js';
export { approvalGateStage } from './pipeline/stages/approval-gate.js';
export { buildImageStage } from './pipeline/stages/build-image.js';
export { canaryDeployStage } from './pipeline/stages/canary-deploy.js';
export { deployStagingStage } from './pipeline/stages/deploy-staging.js';
export { e2eTestStage } from './pipeline/stages/e2e-test.js';
export { productionDeployStage } from './pipeline/stages/production-deploy.js';
export { promptRegressionStage } from './pipeline/stages/prompt-regression.js';
export type { RunSuitesOptions } from './pipeline/stages/run-suites.js';
export { describeRun, runSuites } from './pipeline/stages/run-suites.js';
export { securityScanStage } from './pipeline/stages/security-scan.js';
export { staticAnalysisStage } from './pipeline/stages/static-analysis.js';
export { toolIntegrationStage } from './pipeline/stages/tool-integration.js';
export { unitTestStage } from './pipeline/stages/unit-test.js';
export type { ToolsSuite } from './pipeline/tools-suite.js';
export { loadToolsSuites, ToolsSuiteSchema } from './pipeline/tools-suite.js';
export { writeFileAtomic, writePipelineRecord } from './pipeline/write-pipeline-record.js';
export type {
  CanaryPolicy,
  DriftPolicy,
  GatePolicy,
  GatePolicyInput,
  SuitePolicy,
} from './policy/gate-policy-schema.js';
export { defaultPolicy, GatePolicySchema } from './policy/gate-policy-schema.js';
export { loadPolicy, parsePolicyText } from './policy/load-policy.js';
export type { ApplyReleaseOptions, ApplyReleaseResult } from './release/apply-release.js';
export { applyRelease, releaseConfigMap, releaseConfigMapName } from './release/apply-release.js';
export { loadReleaseFile } from './release/load-release-file.js';
export type { ReleaseBundle, ReleaseBundleInput } from './release/release-bundle.js';
export {
  createReleaseBundle,
  ReleaseBundleSchema,
  ReleaseModelSchema,
  ReleaseToolSchema,
  releaseContentHash,
} from './release/release-bundle.js';
export type { ReleaseEvent, ReleaseHistory } from './release/release-history.js';
export {
  emptyReleaseHistory,
  findRollbackTarget,
  maxReleasesKept,
  ReleaseEventSchema,
  ReleaseHistorySchema,
  recordRelease,
} from './release/release-history.js';
export type { ReleaseStore } from './release/release-store.js';
export { createConfigMapReleaseStore, createFileReleaseStore, historyKey } from './release/release-store.js';
export type { RollbackReleaseOptions, RollbackReleaseResult } from './release/rollback-release.js';
export { rollbackRelease } from './release/rollback-release.js';
export type { DeployCanaryOptions, DeployCanaryResult, PromoteStableOptions } from './rollout/deploy-canary.js';
export { canaryName, deployCanary, promoteStable } from './rollout/deploy-canary.js';
export type { BlueGreenOptions, BlueGreenResult, BlueGreenStep } from './rollout/run-blue-green.js';
export { runBlueGreen } from './rollout/run-blue-green.js';
export type {
  CanaryResult,
  CanaryStep,
  CanaryStepRecord,
  RunCanaryOptions,
  StepAnalysis,
} from './rollout/run-canary.js';
export { runCanary } from './rollout/run-canary.js';
export type { BurnRateRuleOptions } from './sla/burn-rate-rules.js';
export { burnRateWindows, createBurnRateRules, errorRatioRecord } from './sla/burn-rate-rules.js';
export type { GrafanaDashboardOptions } from './sla/grafana-dashboard.js';
export { createGrafanaDashboard } from './sla/grafana-dashboard.js';
export type { SlaReport, SlaReportOptions } from './sla/sla-report.js';
export { renderSlaReport, slaReport } from './sla/sla-report.js';
export { changesMade, isMutating } from './workflows/changes-made.js';
export type { BlueGreenDeployInput, BlueGreenDeployPlan } from './workflows/deploy-blue-green.js';
export { deployBlueGreen, executeBlueGreenDeploy, planBlueGreenDeploy } from './workflows/deploy-blue-green.js';
export { formatOutcome, formatPlan, oneLine } from './workflows/format-outcome.js';
export type { PromoteCanaryInput, PromoteCanaryPlan } from './workflows/promote-canary.js';
export { planPromoteCanary, promoteCanary } from './workflows/promote-canary.js';
export type { RollbackInput, RollbackPlan, RollbackResult } from './workflows/roll-back.js';
export { executeRollback, planRollback, rollBack } from './workflows/roll-back.js';
export type { CanaryRolloutInput, CanaryRolloutPlan } from './workflows/rollout-canary.js';
export { executeCanaryRollout, planCanaryRollout, reportGate, rolloutCanary } from './workflows/rollout-canary.js';
export type { ClusterClients, ClusterInput, WorkflowIo } from './workflows/workflow-context.js';
export { assertHttpUrl, clusterClients } from './workflows/workflow-context.js';
export type { RolloutPlan, WorkflowOutcome, WorkflowStatus } from './workflows/workflow-outcome.js';
