// `@agent-cicd/deploy-gates/live`: live canary analysis on Prometheus (client, queries, track selectors) and manual
// control of a running canary (status, pause/resume/promote/abort, `withManualControl`).

export type {
  CanaryCommand,
  CanaryCommandAction,
  CanaryState,
  CanaryStatus,
} from '../canary-control/canary-control-schema.js';
export { CanaryCommandSchema, CanaryStatusSchema } from '../canary-control/canary-control-schema.js';
export type { CanaryControlStore } from '../canary-control/canary-control-store.js';
export { createCanaryControlStore } from '../canary-control/canary-control-store.js';
export type { CanaryControlResult } from '../canary-control/canary-control-workflow.js';
export { canaryStatus, controlCanary } from '../canary-control/canary-control-workflow.js';
export type { CanaryCommandPlan } from '../canary-control/control-canary.js';
export { executeCanaryCommand, planCanaryCommand } from '../canary-control/control-canary.js';
export type { ManualControlOptions } from '../canary-control/with-manual-control.js';
export { withManualControl } from '../canary-control/with-manual-control.js';
export type { AgentQueries, AgentQueryOptions } from './agent-queries.js';
export { agentQueries, agentSignals } from './agent-queries.js';
export type { LiveCanaryAnalysis, LiveCanaryOptions, LiveLook, LiveStepAnalysis } from './live-canary-analysis.js';
export { createLiveCanaryAnalysis } from './live-canary-analysis.js';
export type { LiveRolloutAnalysisOptions } from './live-rollout-analysis.js';
export { createLiveRolloutAnalysis } from './live-rollout-analysis.js';
export type { PrometheusClient, PrometheusClientOptions, PromSample, PromSeries } from './prometheus-client.js';
export { createPrometheusClient, PrometheusError } from './prometheus-client.js';
export { renderEvidenceTable } from './render-live-looks.js';
export type { TrackCounts } from './track-counters.js';
export { histogramQuantile } from './track-counters.js';
export type { LabelMatchers, TrackSelectorOptions, TrackSelectors } from './track-selectors.js';
export { renderMatchers, trackSelectors } from './track-selectors.js';
