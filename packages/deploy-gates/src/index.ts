// `@agent-cicd/deploy-gates`: what a user's repository imports — the gate (decide, policy, exit code, canary
// analysis), the pipeline (runPipeline and stage customisation), the rollout workflows and the agent's metrics.
// Building blocks behind subpaths (one line each in README.md): `/pipeline` (stages, approvals, scan, records),
// `/rollouts` (plan/execute halves, lower-level sequences), `/releases` (bundles, history, stores, GitOps),
// `/live` (Prometheus, live canary analysis, manual control), `/controllers` (Argo Rollouts, Flagger),
// `/monitoring` (deploy metrics, SLO alerts, dashboard, SLA report), `/manifests` (Kubernetes objects, routers),
// `/runtime` (kubectl, docker, process runners), `/statistics` (the tests behind decisions), `/errors`.
// Pinned by api-snapshot.txt; the rule is in docs/decisions.md ("deploy-gates' public API").

export type { AnalyzeCanaryOptions, CanaryAnalysis } from './canary-analysis/analyze-canary.js';
export { analyzeCanary } from './canary-analysis/analyze-canary.js';
export type { CanaryLook, CanaryMetrics } from './canary-analysis/canary-metrics.js';
export { CanaryMetricsSchema } from './canary-analysis/canary-metrics.js';
export { loadCanaryMetrics } from './canary-analysis/load-canary-metrics.js';
export type { DecideOptions, GateLook } from './decision/decide.js';
export { decide } from './decision/decide.js';
export type { Decision, Evidence, GateAction, Verdict } from './decision/decision.js';
export { DecisionSchema } from './decision/decision.js';
export { DECISION_EXIT_CODES, decisionExitCode } from './decision/decision-exit-code.js';
export { loadRunReport } from './decision/load-run-report.js';
export { decisionTable, renderDecisionMarkdown, renderDecisionText } from './decision/render-decision.js';
export type { AgentMetrics, AgentRequestRecord, AgentTrack } from './live/create-agent-metrics.js';
export { createAgentMetrics } from './live/create-agent-metrics.js';
export { insertStage, removeStages, replaceStage } from './pipeline/configure-stages.js';
export { defaultStages } from './pipeline/default-stages.js';
export type { PipelineRecord } from './pipeline/pipeline-record.js';
export { PipelineRecordSchema } from './pipeline/pipeline-record.js';
export type { PipelineResult, StageStatus } from './pipeline/pipeline-result.js';
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
export type { RunPipelineOptions } from './pipeline/run-pipeline.js';
export { runPipeline } from './pipeline/run-pipeline.js';
export type {
  CanaryPolicy,
  DriftPolicy,
  GatePolicy,
  GatePolicyInput,
  SuitePolicy,
} from './policy/gate-policy-schema.js';
export { defaultPolicy, GatePolicySchema } from './policy/gate-policy-schema.js';
export { loadPolicy } from './policy/load-policy.js';
export type { DeployCanaryResult } from './rollout/deploy-canary.js';
export type { BlueGreenResult } from './rollout/run-blue-green.js';
export type { CanaryStep, StepAnalysis } from './rollout/run-canary.js';
export type { BlueGreenDeployInput } from './workflows/deploy-blue-green.js';
export { deployBlueGreen } from './workflows/deploy-blue-green.js';
export { formatOutcome, formatPlan } from './workflows/format-outcome.js';
export type { PromoteCanaryInput } from './workflows/promote-canary.js';
export { promoteCanary } from './workflows/promote-canary.js';
export type { RollbackInput, RollbackResult } from './workflows/roll-back.js';
export { rollBack } from './workflows/roll-back.js';
export type { CanaryRolloutInput } from './workflows/rollout-canary.js';
export { rolloutCanary } from './workflows/rollout-canary.js';
export type { ClusterInput, WorkflowIo } from './workflows/workflow-context.js';
export type { RolloutPlan, WorkflowOutcome, WorkflowStatus } from './workflows/workflow-outcome.js';
