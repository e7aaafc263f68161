// `@agent-cicd/deploy-gates/pipeline`: the pipeline's building blocks — the eleven stages one by one, the
// config's `pipeline:` settings, approvals, the security scan, tools suites, and the record's schema, rendering
// and writing. The pipeline itself (`runPipeline`, `defaultStages`, `defineStage`, …) is at the package root.

export type { Approval } from './approvals.js';
export { ApprovalSchema, approveRun, readApproval } from './approvals.js';
export type { PipelineSettings } from './configure-stages.js';
export { configureStages } from './configure-stages.js';
export type { SeedStageName } from './pipeline-result.js';
export { PipelineResultSchema, StageStatusSchema, seedStageNames } from './pipeline-result.js';
export { formatDuration, renderPipelineMarkdown } from './render-pipeline-markdown.js';
export type { ScanFinding } from './scan/scan-finding.js';
export { formatFinding, ScanFindingSchema } from './scan/scan-finding.js';
export type { ScanOptions, ScanResult } from './scan/scan-project.js';
export { ScanOptionsSchema, scanProject } from './scan/scan-project.js';
export { approvalGateStage } from './stages/approval-gate.js';
export { buildImageStage } from './stages/build-image.js';
export { canaryDeployStage } from './stages/canary-deploy.js';
export { deployStagingStage } from './stages/deploy-staging.js';
export { e2eTestStage } from './stages/e2e-test.js';
export { productionDeployStage } from './stages/production-deploy.js';
export { promptRegressionStage } from './stages/prompt-regression.js';
export type { RunSuitesOptions } from './stages/run-suites.js';
export { runSuites } from './stages/run-suites.js';
export { securityScanStage } from './stages/security-scan.js';
export { staticAnalysisStage } from './stages/static-analysis.js';
export { toolIntegrationStage } from './stages/tool-integration.js';
export { unitTestStage } from './stages/unit-test.js';
export type { ToolsSuite } from './tools-suite.js';
export { loadToolsSuites, ToolsSuiteSchema } from './tools-suite.js';
export { writePipelineRecord } from './write-pipeline-record.js';
