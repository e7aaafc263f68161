import type { AnyPipelineStage } from './pipeline-stage.js';
import { approvalGateStage } from './stages/approval-gate.js';
import { buildImageStage } from './stages/build-image.js';
import { canaryDeployStage } from './stages/canary-deploy.js';
import { deployStagingStage } from './stages/deploy-staging.js';
import { e2eTestStage } from './stages/e2e-test.js';
import { productionDeployStage } from './stages/production-deploy.js';
import { promptRegressionStage } from './stages/prompt-regression.js';
import { securityScanStage } from './stages/security-scan.js';
import { staticAnalysisStage } from './stages/static-analysis.js';
import { toolIntegrationStage } from './stages/tool-integration.js';
import { unitTestStage } from './stages/unit-test.js';

/** The default pipeline: the seed's eleven stages, in the seed's order. A fresh array each call. */
export function defaultStages(): AnyPipelineStage[] {
  return [
    staticAnalysisStage,
    unitTestStage,
    promptRegressionStage,
    toolIntegrationStage,
    securityScanStage,
    buildImageStage,
    deployStagingStage,
    e2eTestStage,
    approvalGateStage,
    canaryDeployStage,
    productionDeployStage,
  ];
}
