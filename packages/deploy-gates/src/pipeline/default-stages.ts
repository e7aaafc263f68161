import type { AnyPipelineStage } from './pipeline-stage.js';
import { promptRegressionStage } from './stages/prompt-regression.js';
import { staticAnalysisStage } from './stages/static-analysis.js';
import { unitTestStage } from './stages/unit-test.js';

/** The default pipeline: the seed's stages, in the seed's order. A fresh array each call. */
export function defaultStages(): AnyPipelineStage[] {
  return [staticAnalysisStage, unitTestStage, promptRegressionStage];
}
