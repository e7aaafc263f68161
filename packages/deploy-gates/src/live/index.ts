// `@agent-cicd/deploy-gates/live`: Prometheus client and queries, live traffic tracking and canary analysis.

export type { AgentQueries, AgentQueryOptions } from './agent-queries.js';
export { agentQueries, agentSignals } from './agent-queries.js';
export type { LiveCanaryAnalysis, LiveCanaryOptions, LiveLook, LiveStepAnalysis } from './live-canary-analysis.js';
export { createLiveCanaryAnalysis } from './live-canary-analysis.js';
export type { PrometheusClient, PrometheusClientOptions, PromSample, PromSeries } from './prometheus-client.js';
export { createPrometheusClient, PrometheusError } from './prometheus-client.js';
export { renderEvidenceTable } from './render-live-looks.js';
export type { TrackCounts } from './track-counters.js';
export { histogramQuantile } from './track-counters.js';
export type { LabelMatchers, TrackSelectorOptions, TrackSelectors } from './track-selectors.js';
export { renderMatchers, trackSelectors } from './track-selectors.js';
