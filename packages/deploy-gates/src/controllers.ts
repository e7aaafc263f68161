// `@agent-cicd/deploy-gates/controllers`: progressive-delivery controllers run the analysis — Argo Rollouts
// AnalysisTemplates (the gate on run reports, or live Prometheus checks) and Flagger MetricTemplates, from the
// same metric definitions as the live canary analysis.

export type { GateAnalysisTemplateOptions } from './argo/gate-analysis-template.js';
export { createGateAnalysisTemplate, gateCanarySteps } from './argo/gate-analysis-template.js';
export type { ArgoLiveAnalysisOptions } from './interop/argo-live-analysis-template.js';
export { createArgoLiveAnalysisTemplate } from './interop/argo-live-analysis-template.js';
export type { CanaryComparison, CanaryComparisonOptions } from './interop/canary-comparisons.js';
export { canaryComparisons } from './interop/canary-comparisons.js';
export type { FlaggerTemplatesOptions } from './interop/flagger-metric-templates.js';
export { createFlaggerMetricTemplates } from './interop/flagger-metric-templates.js';
